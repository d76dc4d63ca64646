package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE … ALTER COLUMN … RESTART [WITH n] and SET GENERATED { ALWAYS | BY DEFAULT } of an
 * identity column: the column's sequence is set back (setval, so the next value is n or the
 * sequence's start), and the identity kind serve keeps in the column's comment changes. SET
 * INCREMENT BY and the other sequence options are refused: DuckDB cannot change a sequence's
 * options after it is made.
 */
final class IdentityAlter {
    private IdentityAlter() {}

    /**
     * The DuckDB statements for one AT_SetIdentity command on {@code r}.
     *
     * @param target the table as DuckDB names it in a statement
     */
    static List<String> write(Node cmd, Relation r, String relationName, String target) {
        String column = cmd.str("name");
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + relationName + "\" does not exist");
        ColumnInfo c = r.column(column);
        if (c == null) {
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
        }
        if (c.identity() == null || c.identity().isEmpty() || c.sequence() == null) {
            throw new PgException("55000", "column \"" + column + "\" of relation \"" + r.name() + "\" is not an identity column");
        }
        List<String> out = new ArrayList<>();
        String sequence = sequenceName(r, c.sequence());
        String identity = c.identity();
        Node def = cmd.node("def");
        for (Node o : def == null ? List.<Node>of() : def.list("items")) {
            Node arg = o.node("arg");
            switch (o.str("defname")) {
                case "restart" -> out.add(restart(r, c, sequence, arg));
                case "generated" -> identity = arg != null && arg.num("ival") == 'a' ? "a" : "d";
                default -> throw DdlEmitter.unsupported("ALTER TABLE … ALTER COLUMN … SET " + o.str("defname").toUpperCase(java.util.Locale.ROOT))
                        .withDetail("DuckDB cannot change the options of an existing sequence.");
            }
        }
        if (!identity.equals(c.identity())) {
            out.add("COMMENT ON COLUMN " + target + "." + SqlWriter.quoteIdent(column) + " IS " + SqlWriter.quoteLiteral(
                    ColumnMeta.write(c.pgType(), c.sequence(), identity, c.description(), c.pgDefault(), c.domain())));
        }
        return out;
    }

    /**
     * setval of the column's sequence, so that its next value is {@code arg} (or the sequence's
     * start); a value outside the sequence's bounds is PostgreSQL's 22023, raised in DuckDB.
     */
    private static String restart(Relation r, ColumnInfo c, String sequence, Node arg) {
        String of = " FROM duckdb_sequences() WHERE sequence_name = " + SqlWriter.quoteLiteral(last(c.sequence()))
                + " AND " + (r.schema().equals("pg_temp") ? "database_name = 'temp'"
                : "database_name = current_database() AND schema_name = " + SqlWriter.quoteLiteral(r.schema()));
        if (arg == null) return "SELECT setval(" + SqlWriter.quoteLiteral(sequence) + ", start_value, false)" + of;
        String n = integer(arg);
        return "SELECT CASE WHEN " + n + " < min_value THEN error('[pgwire:22023] RESTART value (" + n
                + ") cannot be less than MINVALUE (' || min_value || ')') WHEN " + n + " > max_value THEN error('[pgwire:22023]"
                + " RESTART value (" + n + ") cannot be greater than MAXVALUE (' || max_value || ')') ELSE setval("
                + SqlWriter.quoteLiteral(sequence) + ", " + n + ", false) END" + of;
    }

    private static String integer(Node arg) {
        if (arg.is("Integer")) return Long.toString(arg.num("ival"));
        if (arg.is("Float")) return new java.math.BigInteger(arg.str("fval")).toString(); // a bigint beyond int
        throw new PgException(SqlState.SYNTAX_ERROR, "RESTART WITH needs an integer");
    }

    /** The sequence as setval takes it: qualified with the table's schema, unless the table is temporary. */
    private static String sequenceName(Relation r, String sequence) {
        if (sequence.contains(".") || r.schema().equals("pg_temp")) return sequence;
        return r.schema() + "." + sequence;
    }

    private static String last(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? dotted : dotted.substring(dot + 1);
    }
}
