package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE … ALTER COLUMN … ADD GENERATED … AS IDENTITY (as pg_dump writes every identity
 * column): the column's sequence is made, with the options given, and becomes its default.
 * RESTART [WITH n] and SET GENERATED { ALWAYS | BY DEFAULT } of an identity column: the column's
 * sequence is set back (setval, so the next value is n or the sequence's start), and the identity
 * kind serve keeps in the column's comment changes. DROP IDENTITY drops the column's default and
 * sequence. SET INCREMENT BY and the other sequence
 * options are refused: DuckDB cannot change a sequence's options after it is made.
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
        ColumnInfo c = column(r, relationName, column);
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
     * The DuckDB statements for one AT_AddIdentity command on {@code r}, with PostgreSQL's errors for
     * a column that cannot take an identity.
     *
     * @param target the table as DuckDB names it in a statement
     */
    static List<String> add(Node cmd, Relation r, String relationName, String target) {
        String column = cmd.str("name");
        ColumnInfo c = column(r, relationName, column);
        String of = "column \"" + column + "\" of relation \"" + r.name() + "\"";
        if (c.identity() != null && !c.identity().isEmpty()) throw new PgException("55000", of + " is already an identity column");
        if (c.pgType() == null || c.pgType().isArray() || c.domain() != null
                || !List.of("int2", "int4", "int8").contains(c.pgType().name())) {
            throw new PgException("22023", "identity column type must be smallint, integer, or bigint");
        }
        if (!c.notNull()) throw new PgException("55000", of + " must be declared NOT NULL before identity can be added");
        if (c.sequence() != null || c.defaultExpr() != null || c.pgDefault() != null) {
            throw new PgException("55000", of + " already has a default value");
        }
        Node def = cmd.node("def");
        List<Node> options = def == null ? List.of() : def.list("options");
        String sequence = sequenceOption(options, r.schema(), r.name() + "_" + column + "_seq");
        String qualified = sequenceName(r, sequence);
        String identity = def != null && def.str("generated_when").equals("a") ? "a" : "d";
        List<String> out = new ArrayList<>();
        out.add((r.schema().equals("pg_temp") ? "CREATE TEMPORARY SEQUENCE " : "CREATE SEQUENCE ") + (r.schema().equals("pg_temp") ? SqlWriter.quoteIdent(sequence) : SqlNames.table(r.schema(), sequence))
                + DdlEmitter.sequenceOptions(options) + DdlEmitter.columnTypeBound(c.pgType(), def));
        out.add("ALTER TABLE " + target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " SET DEFAULT nextval(" + SqlWriter.quoteLiteral(qualified) + ")");
        out.add("COMMENT ON COLUMN " + target + "." + SqlWriter.quoteIdent(column) + " IS " + SqlWriter.quoteLiteral(
                ColumnMeta.write(c.pgType(), sequence, identity, c.description(), null, c.domain())));
        return out;
    }

    /**
     * The DuckDB statements for one AT_DropIdentity command on {@code r} (Django's AutoField made an
     * IntegerField): the column keeps its values and NOT NULL, loses its default, and its sequence
     * goes; IF EXISTS on a column that is no identity does nothing.
     *
     * @param target the table as DuckDB names it in a statement
     */
    static List<String> drop(Node cmd, Relation r, String relationName, String target) {
        String column = cmd.str("name");
        ColumnInfo c = column(r, relationName, column);
        if (c.identity() == null || c.identity().isEmpty() || c.sequence() == null) {
            if (cmd.bool("missing_ok")) return List.of();
            throw new PgException("55000", "column \"" + column + "\" of relation \"" + r.name() + "\" is not an identity column");
        }
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " DROP DEFAULT");
        out.add("COMMENT ON COLUMN " + target + "." + SqlWriter.quoteIdent(column) + " IS " + SqlWriter.quoteLiteral(
                ColumnMeta.write(c.pgType(), null, null, c.description(), null, c.domain())));
        String sequence = last(c.sequence());
        out.add("DROP SEQUENCE " + (r.schema().equals("pg_temp") ? SqlWriter.quoteIdent(sequence) : SqlNames.table(r.schema(), sequence)));
        return out;
    }

    /**
     * The name an identity's SEQUENCE NAME option gives its sequence, without the schema, which
     * must be the table's ({@code fallback} without the option).
     */
    static String sequenceOption(List<Node> options, String schema, String fallback) {
        for (Node o : options) {
            if (!o.str("defname").equals("sequence_name")) continue;
            List<String> names = new ArrayList<>();
            for (Node part : o.node("arg").list("items")) names.add(part.str("sval"));
            String name = names.get(names.size() - 1);
            String in = names.size() > 1 ? names.get(names.size() - 2) : null;
            if (names.size() > 3 || in != null && !in.equals(schema) && !(schema == null && in.equals("pg_temp"))) {
                throw DdlEmitter.unsupported("an identity sequence in another schema than its table's");
            }
            return name;
        }
        return fallback;
    }

    /** The column an ALTER COLUMN names, with PostgreSQL's errors for a missing table or column. */
    private static ColumnInfo column(Relation r, String relationName, String column) {
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + relationName + "\" does not exist");
        ColumnInfo c = r.column(column);
        if (c == null) {
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
        }
        return c;
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
