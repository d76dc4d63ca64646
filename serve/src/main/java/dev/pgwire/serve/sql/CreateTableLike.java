package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.FormatTypes;
import dev.pgwire.serve.catalog.TypeNames;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE TABLE … (LIKE other [INCLUDING …]): each LIKE clause becomes the other table's columns,
 * written as the client could have written them, so the table is made as any other. As PostgreSQL
 * does, a column keeps its declared type (with modifier, domain) and its NOT NULL; its default
 * only with INCLUDING DEFAULTS (a serial column's default draws from the other table's sequence),
 * an identity with INCLUDING IDENTITY (a new sequence with the other's options), check constraints with
 * INCLUDING CONSTRAINTS (same names), the primary key, unique constraints and indexes of plain columns
 * with INCLUDING INDEXES (named for the new table), and column comments with INCLUDING COMMENTS. Foreign keys
 * are never copied. What serve cannot copy faithfully is refused rather than left out.
 */
final class CreateTableLike {
    private CreateTableLike() {}

    // PostgreSQL's CreateStmtLikeOption bits (parsenodes.h)
    private static final int COMMENTS = 1;
    private static final int CONSTRAINTS = 1 << 2;
    private static final int DEFAULTS = 1 << 3;
    private static final int GENERATED = 1 << 4;
    private static final int IDENTITY = 1 << 5;
    private static final int INDEXES = 1 << 6;

    /** The default of a copied column as PostgreSQL shows it (a DEFAULT constraint's field): the other column's. */
    static final String SHOWN_DEFAULT = "pgwire_shown_default";

    /** An index of the other table to make on the new one (INCLUDING INDEXES): unique, keys. */
    static final String INDEX = "pgwire_LikeIndex";

    /** The column description a copied column carries into its comment (INCLUDING COMMENTS). */
    static final String DESCRIPTION = "pgwire_description";

    /** The table elements with every LIKE clause replaced by what it stands for. */
    static List<Node> expand(List<Node> elements, CatalogView catalog) {
        List<Node> out = new ArrayList<>();
        List<Node> constraints = new ArrayList<>();
        for (Node e : elements) {
            if (e.is("TableLikeClause")) {
                like(e, catalog, out, constraints);
            } else {
                out.add(e);
            }
        }
        out.addAll(constraints);
        return out;
    }

    private static void like(Node clause, CatalogView catalog, List<Node> columns, List<Node> constraints) {
        Node rel = clause.node("relation");
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        Relation r = catalog.relation(schema, rel.str("relname"));
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.str("relname") + "\" does not exist");
        long options = clause.num("options");
        boolean matView = !r.view() && r.meta().matView() != null;
        for (ColumnInfo c : r.columns()) {
            Node def = column(c);
            List<Node> cons = new ArrayList<>();
            boolean identity = c.sequence() != null && c.identity() != null && !c.identity().isEmpty();
            if (c.notNull() || identity) cons.add(constraint("CONSTR_NOTNULL"));
            if (identity && (options & IDENTITY) != 0) cons.add(identity(r, c, catalog));
            String text = c.sequence() != null ? "nextval(" + SqlWriter.quoteLiteral(c.sequence()) + ")"
                    : c.pgDefault() != null ? SchemaNames.write(ColumnMeta.form(c.pgDefault(), false)) : null;
            if (text == null && c.defaultExpr() != null && !r.view() && c.domain() == null && (options & (DEFAULTS | GENERATED)) != 0) {
                // a generated column's expression, or a default not written in PostgreSQL's SQL: DuckDB's text only
                throw DdlEmitter.unsupported("CREATE TABLE … (LIKE … INCLUDING DEFAULTS or GENERATED) of a column whose default"
                        + " or generation expression serve did not record").withDetail("The column is \"" + c.name() + "\".");
            }
            if ((options & DEFAULTS) != 0 && !identity && text != null) {
                Node d = constraint("CONSTR_DEFAULT").set("raw_expr", Expressions.parsed(text));
                // a serial's default draws from the other table's sequence, shown as PostgreSQL shows it
                if (c.sequence() != null) d.set(SHOWN_DEFAULT, "nextval(" + SqlWriter.quoteLiteral(c.sequence()) + "::regclass)");
                else d.set(SHOWN_DEFAULT, c.pgDefault());
                cons.add(d);
            }
            def.set("constraints", cons);
            if ((options & COMMENTS) != 0 && c.description() != null) def.set(DESCRIPTION, c.description());
            columns.add(def);
        }
        if (r.view() || matView) return;
        for (TableMeta.Constraint k : r.meta().constraints()) {
            if (k.type().equals("c") && (options & CONSTRAINTS) != 0) {
                if (k.expression() == null) throw DdlEmitter.unsupported("copying check constraint \"" + k.name() + "\"");
                constraints.add(constraint("CONSTR_CHECK").set("conname", k.name())
                        .set("raw_expr", Expressions.parsed(SchemaNames.write(ColumnMeta.form(k.expression(), false)))).set("initially_valid", true));
            } else if ((k.type().equals("p") || k.type().equals("u")) && (options & INDEXES) != 0) {
                if (k.index()) continue; // a unique index made by CREATE UNIQUE INDEX: copied with the indexes below
                List<Node> keys = new ArrayList<>();
                for (String col : k.columns()) keys.add(Node.string(col));
                // the new table's own names (new_pkey, new_col_key), as PostgreSQL chooses them
                constraints.add(constraint(k.type().equals("p") ? "CONSTR_PRIMARY" : "CONSTR_UNIQUE").set("keys", keys));
            }
        }
        if ((options & INDEXES) != 0) {
            for (CatalogView.IndexInfo index : catalog.indexes(r)) constraints.add(index(r, index));
        }
    }

    /** An index of the other table, for the new one ({@link #INDEX}): only indexes of plain columns are copied. */
    private static Node index(Relation r, CatalogView.IndexInfo index) {
        List<Node> columns = new ArrayList<>();
        for (String key : index.keys() == null ? List.<String>of() : index.keys()) {
            for (ColumnInfo c : r.columns()) {
                if (TypeNames.quoteIdent(c.name()).equals(key)) columns.add(Node.string(c.name()));
            }
        }
        if (index.keys() == null || columns.size() != index.keys().size() || index.predicate() != null) {
            throw DdlEmitter.unsupported("CREATE TABLE … (LIKE … INCLUDING INDEXES) of a table with an expression or partial index")
                    .withDetail("Index \"" + index.name() + "\" is not of plain columns; create it on the new table yourself.");
        }
        return Node.of(INDEX).set("unique", index.unique()).set("keys", columns);
    }

    /**
     * The DuckDB statements that make the indexes LIKE … INCLUDING INDEXES copies ({@link #INDEX}
     * elements) on the new table: each named as PostgreSQL names it (table_columns_idx, a number
     * added while the name is taken), recorded as CREATE INDEX records one; a unique one is also
     * added to {@code constraints}, the table's unique indexes, which its violations name.
     *
     * @param schema the new table's schema, null for a temporary table
     */
    static List<String> indexes(List<Node> indexes, String schema, String table, List<TableMeta.Constraint> constraints) {
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Node index : indexes) {
            List<String> keys = index.names("keys");
            String base = TableMeta.defaultName(table, keys, "idx");
            String name = base;
            for (int i = 1; taken(name, table, names, constraints); i++) name = base + i;
            names.add(name);
            boolean unique = index.bool("unique");
            List<String> quoted = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (String k : keys) {
                quoted.add(SqlWriter.quoteIdent(k));
                shown.add(TypeNames.quoteIdent(k));
            }
            String relation = (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".") + SqlWriter.quoteIdent(table);
            out.add((unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + SqlWriter.quoteIdent(name) + " ON " + relation
                    + " (" + String.join(", ", quoted) + ")");
            String definition = (unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + TypeNames.quoteIdent(name) + " ON "
                    + TypeNames.quoteIdent(schema == null ? "pg_temp" : schema) + "." + TypeNames.quoteIdent(table)
                    + " USING btree (" + String.join(", ", shown) + ")";
            out.add("COMMENT ON INDEX " + (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".") + SqlWriter.quoteIdent(name)
                    + " IS " + SqlWriter.quoteLiteral(new ObjectMeta(definition, shown, null, null, null, null).write()));
            if (unique) constraints.add(new TableMeta.Constraint(name, "u", keys, null, List.of(), null, true));
        }
        return out;
    }

    private static boolean taken(String name, String table, List<String> names, List<TableMeta.Constraint> constraints) {
        if (names.contains(name) || name.equals(table)) return true;
        for (TableMeta.Constraint c : constraints) if (c.name().equals(name)) return true;
        return false;
    }

    /** A column of the same name and declared type as {@code c}. */
    private static Node column(ColumnInfo c) {
        String type;
        if (c.domain() != null) {
            type = SqlWriter.quoteIdent(c.domain()[0]) + "." + SqlWriter.quoteIdent(c.domain()[1]);
        } else {
            PgTypeName t = c.pgType();
            if (t == null) {
                SqlType s = SqlType.ofDuckDb(c.duckDbType());
                if (s == null) throw DdlEmitter.unsupported("copying column \"" + c.name() + "\" of DuckDB type " + c.duckDbType());
                t = s.asTypeName();
            }
            type = t.builtin() ? builtinType(t) : SqlWriter.quoteIdent(t.name());
            if (t.isArray()) type += "[]";
        }
        Node parsed = PgParser.parse("CREATE TABLE pgwire_like (pgwire_column " + type + ")").get(0).tree();
        Node def = parsed.list("tableElts").get(0);
        return def.set("colname", c.name());
    }

    /** A built-in type as format_type writes it (character varying(20), timestamp(3) with time zone…), which the grammar reads back. */
    private static String builtinType(PgTypeName t) {
        String written = FormatTypes.format(t.name(), false, t.typmod(), true, null);
        return written.startsWith("\"") ? "pg_catalog." + written : written;
    }

    /** The identity of {@code c} for the new table: a sequence of its own, with the options of the other's. */
    private static Node identity(Relation r, ColumnInfo c, CatalogView catalog) {
        String[] sequence = SqlNames.sequence(r.schema(), c.sequence());
        CatalogView.SequenceOptions o = catalog.sequence(sequence[0], sequence[1]);
        if (o == null) throw DdlEmitter.unsupported("copying the identity of column \"" + c.name() + "\" (its sequence is gone)");
        List<Node> options = new ArrayList<>();
        options.add(option("start", o.start()));
        options.add(option("increment", o.increment()));
        options.add(option("minvalue", o.min()));
        options.add(option("maxvalue", o.max()));
        options.add(Node.of("DefElem").set("defname", "cycle").set("arg", Node.typed("Boolean", Node.of(null).set("boolval", o.cycle()))));
        return constraint("CONSTR_IDENTITY").set("generated_when", c.identity()).set("options", options);
    }

    private static Node option(String name, long value) {
        return Node.of("DefElem").set("defname", name).set("arg", Node.typed("Integer", Node.of(null).set("ival", value)));
    }

    private static Node constraint(String type) {
        return Node.of("Constraint").set("contype", type).set("location", -1L);
    }
}
