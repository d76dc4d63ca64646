package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EXPLAIN of a query or of INSERT, UPDATE or DELETE: the statement is translated as it would run,
 * and DuckDB's plan of it is answered in PostgreSQL's shape — one column "QUERY PLAN", one row per
 * line of text, or for {@code FORMAT JSON} one json value {@code [{"Plan": {"Node Type": …,
 * "Plans": […]}}]}. The plan is DuckDB's (its operators, its estimates); PostgreSQL's costs exist
 * only for PostgreSQL's planner, so none are shown, as with PostgreSQL's {@code COSTS OFF}.
 *
 * <p>Options as PostgreSQL takes them: ANALYZE runs the statement (its changes stay, as in
 * PostgreSQL) and shows DuckDB's profile of the run; VERBOSE, COSTS, SETTINGS, BUFFERS, SUMMARY,
 * TIMING and WAL are accepted (TIMING and WAL need ANALYZE, as in PostgreSQL) and change nothing;
 * FORMAT TEXT and JSON are answered, XML and YAML refused (0A000), as is ANALYZE with FORMAT JSON.
 */
public final class Explain {
    private Explain() {}

    /** How the plan is answered. */
    public enum Format { TEXT, JSON }

    private static final Set<String> ACCEPTED = Set.of("verbose", "costs", "settings", "buffers", "summary", "timing", "wal");

    /** Whether {@code tree} is an EXPLAIN this class translates (of a statement the emitter writes). */
    static boolean handles(Node tree) {
        return tree.is("ExplainStmt") && tree.node("query") != null && Emitter.handles(tree.node("query"));
    }

    /** The format EXPLAIN {@code tree} answers in (checking its options), or null when it is no EXPLAIN this class handles. */
    public static Format format(Node tree) {
        if (tree == null || !handles(tree)) return null;
        return options(tree).json() ? Format.JSON : Format.TEXT;
    }

    /** Whether EXPLAIN {@code tree}'s ANALYZE option is on (given alone, or with a true value): it runs its statement. */
    public static boolean analyzes(Node tree) {
        for (Node o : tree.list("options")) {
            if (o.str("defname").equals("analyze")) return bool("analyze", o.node("arg") == null ? null : argument(o.node("arg")));
        }
        return false;
    }

    private record Options(boolean analyze, boolean json) {
    }

    private static Options options(Node tree) {
        boolean analyze = false;
        boolean json = false;
        boolean timing = false;
        boolean wal = false;
        for (Node o : tree.list("options")) {
            String name = o.str("defname");
            String value = o.node("arg") == null ? null : argument(o.node("arg"));
            switch (name) {
                case "analyze" -> analyze = bool(name, value);
                case "format" -> {
                    String f = value == null ? "" : value.toLowerCase(Locale.ROOT);
                    switch (f) {
                        case "text" -> json = false;
                        case "json" -> json = true;
                        case "xml", "yaml" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                "EXPLAIN format \"" + f + "\" is not supported")
                                .withHint("FORMAT TEXT and FORMAT JSON are.");
                        default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                                "unrecognized value for EXPLAIN option \"format\": \"" + value + "\"");
                    }
                }
                default -> {
                    if (!ACCEPTED.contains(name)) {
                        throw new PgException(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + name + "\"");
                    }
                    boolean on = bool(name, value);
                    if (name.equals("timing")) timing = on;
                    if (name.equals("wal")) wal = on;
                }
            }
        }
        if (timing && !analyze) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE");
        if (wal && !analyze) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option WAL requires ANALYZE");
        if (analyze && json) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN ANALYZE with FORMAT JSON is not supported")
                    .withHint("EXPLAIN ANALYZE in FORMAT TEXT shows the profile of the run.");
        }
        return new Options(analyze, json);
    }

    private static String argument(Node arg) {
        if (arg.is("Integer")) return Long.toString(arg.num("ival"));
        if (arg.is("Boolean")) return arg.bool("boolval") ? "true" : "false";
        return arg.str("sval");
    }

    /** A boolean option's value as PostgreSQL's defGetBoolean reads it (alone: true). */
    private static boolean bool(String name, String value) {
        if (value == null) return true;
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> {
                return true;
            }
            case "false", "off", "0", "no" -> {
                return false;
            }
            default -> throw new PgException(SqlState.SYNTAX_ERROR, name + " requires a Boolean value");
        }
    }

    /** The DuckDB EXPLAIN that stands before the translated statement. */
    static String prefix(Node tree) {
        Options o = options(tree);
        return o.analyze() ? "EXPLAIN ANALYZE " : o.json() ? "EXPLAIN (FORMAT JSON) " : "EXPLAIN ";
    }

    /** The result column's type. */
    static SqlType resultType(Node tree) {
        return options(tree).json() ? SqlType.of("json") : SqlType.TEXT;
    }

    // ---------------------------------------------------------------- DuckDB's JSON plan in PostgreSQL's shape

    /** Operators that are PostgreSQL's under another name. */
    private static final Map<String, String> NODE_TYPES = Map.ofEntries(
            Map.entry("SEQ_SCAN", "Seq Scan"), Map.entry("TABLE_SCAN", "Seq Scan"), Map.entry("HASH_JOIN", "Hash Join"),
            Map.entry("NESTED_LOOP_JOIN", "Nested Loop"), Map.entry("PIECEWISE_MERGE_JOIN", "Merge Join"),
            Map.entry("ORDER_BY", "Sort"), Map.entry("LIMIT", "Limit"), Map.entry("STREAMING_LIMIT", "Limit"),
            Map.entry("HASH_GROUP_BY", "Aggregate"), Map.entry("PERFECT_HASH_GROUP_BY", "Aggregate"),
            Map.entry("UNGROUPED_AGGREGATE", "Aggregate"), Map.entry("WINDOW", "WindowAgg"),
            Map.entry("STREAMING_WINDOW", "WindowAgg"), Map.entry("UNION", "Append"), Map.entry("INSERT", "ModifyTable"),
            Map.entry("UPDATE", "ModifyTable"), Map.entry("DELETE", "ModifyTable"), Map.entry("CTE_SCAN", "CTE Scan"),
            Map.entry("EMPTY_RESULT", "Result"), Map.entry("DUMMY_SCAN", "Result"));

    /**
     * DuckDB's JSON plan ({@code [{"name": …, "children": […], "extra_info": {…}}]}) as
     * PostgreSQL's ({@code [{"Plan": {"Node Type": …, "Plans": […]}}]}): each operator keeps DuckDB's
     * details (its table, filters, projections, estimated cardinality) under DuckDB's names, and
     * names a PostgreSQL node type where the operator is one ("Seq Scan", "Hash Join", "Sort", …).
     */
    public static String postgresJson(String duckDbJson) {
        Object plan = ParseTreeJson.read(duckDbJson.getBytes(StandardCharsets.UTF_8), 10_000);
        StringBuilder out = new StringBuilder("[\n  {\n    \"Plan\": ");
        List<?> roots = plan instanceof List<?> l ? l : List.of(plan);
        if (roots.size() == 1 && roots.get(0) instanceof Node root) {
            node(root, out, 4);
        } else {
            out.append("{\"Node Type\": \"Result\", \"Plans\": [");
            for (int i = 0; i < roots.size(); i++) {
                if (i > 0) out.append(", ");
                if (roots.get(i) instanceof Node n) node(n, out, 4);
            }
            out.append("]}");
        }
        return out.append("\n  }\n]").toString();
    }

    private static void node(Node n, StringBuilder out, int indent) {
        String pad = " ".repeat(indent + 2);
        String name = n.str("name");
        out.append("{\n").append(pad).append("\"Node Type\": ").append(JsonText.jsonString(nodeType(name)));
        if (NODE_TYPES.containsKey(name)) {
            out.append(",\n").append(pad).append("\"Operator\": ").append(JsonText.jsonString(name));
        }
        Node extra = n.node("extra_info");
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.fields().entrySet()) {
                String key = e.getKey();
                if (key.equals("Table")) {
                    String table = String.valueOf(e.getValue());
                    out.append(",\n").append(pad).append("\"Relation Name\": ")
                            .append(JsonText.jsonString(table.substring(table.lastIndexOf('.') + 1)));
                    continue;
                }
                if (key.equals("Estimated Cardinality") && String.valueOf(e.getValue()).matches("[0-9]+")) {
                    out.append(",\n").append(pad).append("\"Plan Rows\": ").append(e.getValue());
                    continue;
                }
                out.append(",\n").append(pad).append(JsonText.jsonString(key.equals("Filters") ? "Filter" : key)).append(": ");
                value(e.getValue(), out);
            }
        }
        List<Node> children = n.list("children");
        if (!children.isEmpty()) {
            out.append(",\n").append(pad).append("\"Plans\": [\n");
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) out.append(",\n");
                out.append(" ".repeat(indent + 4));
                node(children.get(i), out, indent + 4);
            }
            out.append('\n').append(pad).append(']');
        }
        out.append('\n').append(" ".repeat(indent)).append('}');
    }

    private static void value(Object v, StringBuilder out) {
        if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(", ");
                value(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v == null) {
            out.append("null");
        } else {
            out.append(JsonText.jsonString(String.valueOf(v)));
        }
    }

    /** PostgreSQL's name of a DuckDB operator, else DuckDB's in words ("HASH_GROUP_BY" → "Hash Group By"). */
    private static String nodeType(String duckDb) {
        String pg = NODE_TYPES.get(duckDb);
        if (pg != null) return pg;
        StringBuilder sb = new StringBuilder();
        for (String word : duckDb.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.toString();
    }
}
