package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.serve.sql.SqlType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.sql.SQLException;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB STRUCT values — the values of composite types and of row constructors — as PostgreSQL's
 * record_out writes a composite: {@code (1,x)}, each attribute in its own type's text form,
 * empty for NULL, double-quoted when it is empty or holds quotes, backslashes, parentheses,
 * commas or white space (quotes and backslashes doubled inside).
 */
final class RecordText {
    private RecordText() {}

    /** The column type of a DuckDB {@code STRUCT(a INTEGER, "b c" VARCHAR[])}: text in record notation. */
    static PgColumnType of(String duckDbType) {
        List<PgColumnType> fields = new ArrayList<>();
        for (String type : fieldTypes(duckDbType)) fields.add(PgTypes.forDuckDbType(type));
        return new PgColumnType(duckDbType, PgType.TEXT, -1, (rs, i) -> rs.getObject(i), (v, c) -> {
            Object[] values = attributes(v);
            if (values == null || values.length != fields.size()) return v.toString();
            StringBuilder sb = new StringBuilder().append('(');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) sb.append(',');
                if (values[i] != null) DuckDbText.appendRecordAttribute(sb, fields.get(i).text(values[i], c));
            }
            return sb.append(')').toString();
        });
    }

    /**
     * A result column of a DuckDB STRUCT type as PostgreSQL describes it: of the composite type
     * {@code type} whose attributes have the PostgreSQL types {@code attributeTypes} (null: the
     * DuckDB types decide, as for {@code record}). Text is record_out's; binary is record_send's
     * (the attribute count, then each attribute's type OID and its value in binary).
     */
    static PgColumnType typed(String duckDbType, PgType type, List<SqlType> attributeTypes) {
        List<String> duckDbFields = fieldTypes(duckDbType);
        boolean hinted = attributeTypes != null && attributeTypes.size() == duckDbFields.size();
        List<PgColumnType> fields = new ArrayList<>();
        for (int i = 0; i < duckDbFields.size(); i++) {
            String field = duckDbFields.get(i);
            String upper = field.toUpperCase(java.util.Locale.ROOT);
            fields.add(upper.startsWith("STRUCT(") || upper.startsWith("TUPLE(") ? typed(field, PgType.RECORD, null)
                    : PgTypes.withHint(PgTypes.forDuckDbType(field), hinted ? attributeTypes.get(i) : null));
        }
        return new PgColumnType(duckDbType, type, -1, (rs, i) -> rs.getObject(i), (v, c) -> {
            Object[] values = attributes(v);
            if (values == null || values.length != fields.size()) {
                throw new PgException(SqlState.INTERNAL_ERROR, "a composite value does not have the attributes of its type");
            }
            StringBuilder text = new StringBuilder().append('(');
            ByteBuf binary = Unpooled.buffer();
            try {
                binary.writeInt(values.length);
                boolean binaryForm = true;
                for (int i = 0; i < values.length; i++) {
                    PgColumnType field = fields.get(i);
                    if (i > 0) text.append(',');
                    binary.writeInt(field.pgType.oid());
                    if (values[i] == null) {
                        binary.writeInt(-1);
                        continue;
                    }
                    Object pg = field.pgValue(values[i], c);
                    PgColumnType.Literal l = pg instanceof PgColumnType.Literal literal ? literal : null;
                    DuckDbText.appendRecordAttribute(text, l != null ? l.text() : PgTypes.REGISTRY.encodeText(field.pgType.oid(), pg, c));
                    if (!binaryForm) continue;
                    try {
                        byte[] bytes = l == null ? null : l.binary() != null ? l.binary() : PgTypes.REGISTRY.encode(field.pgType.oid(),
                                PgTypes.REGISTRY.decodeText(field.pgType.oid(), l.text(), c), TypeRegistry.BINARY, c);
                        if (bytes != null) binary.writeInt(bytes.length).writeBytes(bytes);
                        else PgTypes.REGISTRY.encode(field.pgType.oid(), pg, TypeRegistry.BINARY, c, binary);
                    } catch (PgException e) {
                        // an attribute without a binary form (an array of a type the registry has no codec for):
                        // the text stands, and only a client asking for binary is refused
                        binaryForm = false;
                    }
                }
                return new PgColumnType.Literal(text.append(')').toString(), binaryForm ? ByteBufUtil.getBytes(binary) : null);
            } finally {
                binary.release();
            }
        });
    }

    /**
     * A one-dimensional list of composite values ({@code element}: {@link #typed}) as an array of
     * {@code arrayType}: array_out's text and array_send's binary of the elements' own forms.
     */
    static PgColumnType array(String duckDbType, PgType arrayType, PgColumnType element) {
        return new PgColumnType(duckDbType, arrayType, -1, DuckDbValues::readArray, (v, c) -> {
            Object[] items = DuckDbValues.toObjectArray(v);
            StringBuilder text = new StringBuilder().append('{');
            ByteBuf binary = Unpooled.buffer();
            try {
                boolean nulls = false;
                boolean binaryForm = true;
                for (Object item : items) nulls |= item == null;
                binary.writeInt(items.length == 0 ? 0 : 1).writeInt(nulls ? 1 : 0).writeInt(element.pgType.oid());
                if (items.length > 0) binary.writeInt(items.length).writeInt(1);
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) text.append(',');
                    if (items[i] == null) {
                        text.append("NULL");
                        binary.writeInt(-1);
                        continue;
                    }
                    PgColumnType.Literal l = (PgColumnType.Literal) element.pgValue(items[i], c);
                    DuckDbText.appendArrayElement(text, l.text());
                    if (l.binary() == null) binaryForm = false;
                    else binary.writeInt(l.binary().length).writeBytes(l.binary());
                }
                return new PgColumnType.Literal(text.append('}').toString(), binaryForm ? ByteBufUtil.getBytes(binary) : null);
            } finally {
                binary.release();
            }
        });
    }

    /**
     * A composite value in record_send's binary form (the attribute count, then each attribute's
     * type OID, length and bytes) as record_out's text, which serve's record_in reads: what a
     * client sending a composite parameter in binary (asyncpg) means.
     */
    static String fromBinary(byte[] value, dev.pgwire.protocol.types.CodecContext ctx) {
        ByteBuf in = Unpooled.wrappedBuffer(value);
        try {
            if (in.readableBytes() < 4) throw invalid("insufficient data left in message");
            int count = in.readInt();
            if (count < 0 || count > 1600) throw invalid("improper binary format in record column");
            StringBuilder text = new StringBuilder().append('(');
            for (int i = 0; i < count; i++) {
                if (i > 0) text.append(',');
                if (in.readableBytes() < 8) throw invalid("insufficient data left in message");
                int oid = in.readInt();
                int length = in.readInt();
                if (length == -1) continue;
                if (PgTypes.REGISTRY.codec(oid) == null) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "binary input of a composite attribute of type " + oid + " is not available")
                            .withHint("Send the value in text format.");
                }
                Object v = PgTypes.REGISTRY.decode(oid, in, length, TypeRegistry.BINARY, ctx);
                DuckDbText.appendRecordAttribute(text, PgTypes.REGISTRY.encodeText(oid, v, ctx));
            }
            if (in.isReadable()) throw invalid("improper binary format in record column");
            return text.append(')').toString();
        } finally {
            in.release();
        }
    }

    private static PgException invalid(String message) {
        return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, message);
    }

    private static Object[] attributes(Object v) {
        try {
            return v instanceof Struct s ? s.getAttributes() : null;
        } catch (SQLException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read a composite value: " + e.getMessage(), e);
        }
    }

    /**
     * The attribute types of {@code STRUCT(name type, …)} (names may be quoted, types may nest
     * parentheses) or of an unnamed {@code STRUCT(type, …)}, as a row constructor's.
     */
    static List<String> fieldTypes(String struct) {
        List<String> types = new ArrayList<>();
        int open = struct.indexOf('(');
        int close = struct.lastIndexOf(')');
        if (open < 0 || close < open) return types;
        String body = struct.substring(open + 1, close);
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        int space = -1; // the first space outside quotes and parentheses in the current attribute
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ' ' && depth == 0 && space < 0 && i > start) space = i;
            else if (c == ',' && depth == 0) {
                String field = body.substring(start, i).trim();
                String upper = field.toUpperCase(java.util.Locale.ROOT);
                boolean unnamed = space < 0 || upper.startsWith("TIMESTAMP WITH TIME ZONE") || upper.startsWith("TIME WITH TIME ZONE");
                types.add(unnamed ? field : body.substring(space + 1, i).trim());
                start = i + 1;
                space = -1;
            }
        }
        return types;
    }
}
