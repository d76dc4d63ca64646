package dev.pgwire.client;

import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * A named prepared statement on one connection (Parse + Describe): the parameter types the server
 * inferred or was told, and the columns it will return. Executions bind parameters in binary for
 * every type the registry has a codec for, and ask for binary results for every such column (text
 * for the rest), so no value goes through text unless it has to.
 *
 * <pre>{@code
 * PgPreparedStatement ps = conn.prepare("SELECT name FROM users WHERE id = $1");
 * RowSet rs = conn.execute(ps, 42);
 * conn.close(ps);
 * }</pre>
 */
public final class PgPreparedStatement {
    private final String name;
    private final String sql;
    private final int[] parameterTypes;
    private final List<RowDescription.Field> columns;
    private final short[] resultFormats;
    private final TypeRegistry types;
    /** The shape of the last execution's rows, reused while the session's codec context is the same. */
    private volatile RowShape shape;

    PgPreparedStatement(String name, String sql, int[] parameterTypes, List<RowDescription.Field> described,
            TypeRegistry types) {
        this.name = name;
        this.sql = sql;
        this.parameterTypes = parameterTypes;
        this.types = types;
        this.resultFormats = new short[described.size()];
        List<RowDescription.Field> fields = new ArrayList<>(described.size());
        for (int i = 0; i < described.size(); i++) {
            RowDescription.Field f = described.get(i);
            short format = (short) (types.codec(f.typeOid()) != null ? TypeRegistry.BINARY : TypeRegistry.TEXT);
            resultFormats[i] = format;
            fields.add(f.withFormat(format));
        }
        this.columns = List.copyOf(fields);
    }

    /** The statement's name on the server. */
    public String name() { return name; }

    public String sql() { return sql; }

    /** The type OID of each parameter, as the server describes it. */
    public int[] parameterTypes() { return parameterTypes.clone(); }

    /** The result columns with the format each will be requested in; empty for statements without rows. */
    public List<RowDescription.Field> columns() { return columns; }

    short[] resultFormats() { return resultFormats; }

    int[] declaredTypes() { return parameterTypes; }

    RowShape shape(CodecContext ctx) {
        RowShape s = shape;
        if (s == null || s.context != ctx) shape = s = new RowShape(columns, types, ctx);
        return s;
    }

    @Override
    public String toString() {
        return "PgPreparedStatement[" + name + ": " + sql + "]";
    }
}
