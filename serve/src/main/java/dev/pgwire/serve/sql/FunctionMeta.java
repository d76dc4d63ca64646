package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What serve keeps of a SQL or PL/pgSQL function's PostgreSQL definition, in its DuckDB macro's
 * comment: the arguments and result columns (names and types as PostgreSQL names them,
 * {@code int4}, {@code text[]}), the result type, whether it returns a set, its volatility, its body
 * as written, its language ({@code sql} or {@code plpgsql}), whether it is STRICT, and for a
 * SQL-standard body ({@code RETURN expression}) that body as PostgreSQL writes it back
 * ({@code RETURN (a + 1)}, what pg_get_functiondef shows), else null; and its description
 * (COMMENT ON FUNCTION), or null.
 */
public record FunctionMeta(List<Param> args, List<Param> columns, PgTypeName returns, boolean setof, String volatility,
                           String body, String language, boolean strict, String sqlBody, String description) {

    /** A function with its body as text (prosrc), not a SQL-standard one, and no description. */
    public FunctionMeta(List<Param> args, List<Param> columns, PgTypeName returns, boolean setof, String volatility,
                        String body, String language, boolean strict) {
        this(args, columns, returns, setof, volatility, body, language, strict, null, null);
    }

    /** The same function with {@code text} as its description (null: none). */
    public FunctionMeta withDescription(String text) {
        return new FunctionMeta(args, columns, returns, setof, volatility, body, language, strict, sqlBody, text);
    }

    /**
     * One argument or result column.
     *
     * @param defaultText an argument's default as PostgreSQL shows it ({@code 5}, {@code 'x'::text}), or null
     */
    public record Param(String name, PgTypeName type, String defaultText) {
        public Param(String name, PgTypeName type) {
            this(name, type, null);
        }
    }

    /** The metadata in a macro's comment, or null when the comment is not a SQL function's. */
    public static FunctionMeta read(String comment) {
        Node meta = ColumnMeta.read(comment).node("function");
        if (meta == null) return null;
        return new FunctionMeta(params(meta.get("args")), params(meta.get("columns")), type(meta.node("returns")),
                meta.bool("setof"), meta.str("volatility"), meta.str("body"),
                meta.has("language") ? meta.str("language") : "sql", meta.bool("strict"),
                meta.has("sql_body") ? meta.str("sql_body") : null, meta.has("description") ? meta.str("description") : null);
    }

    public String write() {
        StringBuilder sb = new StringBuilder("{\"function\": {\"language\": ").append(SqlNames.jsonString(language))
                .append(", \"strict\": ").append(strict).append(", \"args\": ");
        params(sb, args);
        sb.append(", \"columns\": ");
        params(sb, columns);
        sb.append(", \"returns\": ");
        type(sb, returns);
        sb.append(", \"setof\": ").append(setof).append(", \"volatility\": ").append(SqlNames.jsonString(volatility))
                .append(", \"body\": ").append(SqlNames.jsonString(body));
        if (sqlBody != null) sb.append(", \"sql_body\": ").append(SqlNames.jsonString(sqlBody));
        if (description != null) sb.append(", \"description\": ").append(SqlNames.jsonString(description));
        sb.append("}}");
        return sb.toString();
    }

    private static void params(StringBuilder sb, List<Param> params) {
        sb.append('[');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append("{\"name\": ").append(SqlNames.jsonString(params.get(i).name() == null ? "" : params.get(i).name()))
                    .append(", \"type\": ");
            type(sb, params.get(i).type());
            if (params.get(i).defaultText() != null) sb.append(", \"default\": ").append(SqlNames.jsonString(params.get(i).defaultText()));
            sb.append('}');
        }
        sb.append(']');
    }

    private static void type(StringBuilder sb, PgTypeName t) {
        sb.append("{\"name\": ").append(SqlNames.jsonString(t.name())).append(", \"typmod\": ").append(t.typmod())
                .append(", \"dims\": ").append(t.dimensions()).append(", \"builtin\": ").append(t.builtin()).append('}');
    }

    private static List<Param> params(Object list) {
        List<Param> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Node n) out.add(new Param(n.str("name"), type(n.node("type")), n.has("default") ? n.str("default") : null));
            }
        }
        return out;
    }

    private static PgTypeName type(Node n) {
        if (n == null) return new PgTypeName("text", -1, 0, true);
        return new PgTypeName(n.str("name"), (int) n.num("typmod"), (int) n.num("dims"), n.bool("builtin"));
    }
}
