package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;

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
            Object[] values;
            try {
                values = v instanceof Struct s ? s.getAttributes() : null;
            } catch (SQLException e) {
                throw new PgException(SqlState.INTERNAL_ERROR, "could not read a composite value: " + e.getMessage(), e);
            }
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
