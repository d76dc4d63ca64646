package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * ALTER TABLE … ADD [CONSTRAINT name] CHECK (…), and the CHECK of a column ADD COLUMN adds (as
 * Django adds a PositiveIntegerField). DuckDB adds no check to a table it has; serve writes the
 * statement DuckDB would take if it did — {@code ALTER TABLE t ADD CONSTRAINT name CHECK
 * (pgwire.table_check((…), 'name'))}, the check as CREATE TABLE writes it — and makes it by
 * building the table again with it (ConstraintAlter in serve's session).
 */
final class AddedChecks {
    private AddedChecks() {}

    /** The statement that asks for the check, and the constraint serve records for the catalog. */
    record Added(String statement, TableMeta.Constraint constraint) {}

    /**
     * The check {@code c} added to table {@code r}.
     *
     * @param target  the DuckDB {@code ALTER TABLE t} the statement starts with
     * @param meta    what serve keeps of the table as the ALTER TABLE leaves it so far
     * @param added   the columns this ALTER TABLE adds, and their types
     */
    static Added write(String target, Node c, CatalogView.Relation r, TableMeta meta, java.util.Map<String, PgTypeName> added,
                       TypeMapper types) {
        Node expr = c.node("raw_expr");
        // named after the one column it reads, as PostgreSQL names a check (a column's own check too)
        List<String> columns = columnsOf(expr);
        String name = c.str("conname");
        if (name.isEmpty()) {
            List<String> named = columns.size() == 1 ? columns : List.of();
            name = TableMeta.defaultName(r.name(), named, "check");
            for (int i = 1; meta.constraint(name) != null; i++) name = TableMeta.defaultName(r.name(), named, "check" + i);
        } else if (meta.constraint(name) != null) {
            throw new PgException("42710", "constraint \"" + name + "\" for relation \"" + r.name() + "\" already exists");
        }
        for (String col : columnsOf(expr)) {
            if (r.column(col) == null && !added.containsKey(col)) {
                throw new PgException("42703", "column \"" + col + "\" does not exist");
            }
        }
        Function<String, PgTypeName> typeOf = col -> {
            if (added.containsKey(col)) return added.get(col);
            CatalogView.ColumnInfo info = r.column(col);
            return info == null ? null : info.pgType();
        };
        String shown = ColumnMeta.expressionPair(PgDeparse.text(expr, null, typeOf, false), PgDeparse.text(expr, null, typeOf, true));
        SqlWriter w = new SqlWriter();
        new Emitter(w, types).expr(expr.copy());
        // the name DuckDB's check carries: one a renamed check still carries is taken
        String engine = name;
        for (int i = 1; engineNameTaken(meta, engine); i++) engine = name + "_" + i;
        String statement = target + " ADD CONSTRAINT " + SqlWriter.quoteIdent(engine) + " CHECK (pgwire.table_check((" + w + "), "
                + SqlWriter.quoteLiteral(engine) + "))";
        // conkey: every column the check reads, in the order it names them (the name takes one only when it reads one)
        // NOT VALID: shown so in the catalog until VALIDATE CONSTRAINT; DuckDB checks the rows there all the same
        // (ConstraintAlter refuses the check when one breaks it)
        return new Added(statement, new TableMeta.Constraint(name, "c", columnsOf(expr), engine.equals(name) ? null : engine,
                List.of(), shown, false, false, null, false, c.bool("skip_validation")));
    }

    private static boolean engineNameTaken(TableMeta meta, String engine) {
        for (TableMeta.Constraint k : meta.constraints()) if (k.engineName().equals(engine)) return true;
        return false;
    }

    /** The distinct columns an expression names, in the order it names them. */
    static List<String> columnsOf(Node expr) {
        List<Node> refs = new java.util.ArrayList<>();
        TreeWalker.forEachNode(expr, n -> {
            if (n.is("ColumnRef")) refs.add(n);
        });
        refs.sort(java.util.Comparator.comparingInt(Node::location));
        Set<String> cols = new LinkedHashSet<>();
        for (Node n : refs) {
            List<String> f = n.names("fields");
            cols.add(f.get(f.size() - 1));
        }
        return List.copyOf(cols);
    }
}
