package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.TableMeta;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code ALTER INDEX [IF EXISTS] i RENAME TO j} (Django's RenameIndex, Rails' rename_index and the
 * primary key index Rails renames with its table). DuckDB renames no index: serve drops it and
 * makes it again under the new name, with what it keeps of it (its definition as PostgreSQL shows
 * it, a partial index's predicate). The index of a primary key or unique constraint is the
 * constraint's: renaming it renames the constraint, as in PostgreSQL.
 */
final class IndexRename {
    private IndexRename() {}

    private static final String INDEXES = "SELECT CASE WHEN database_name = 'temp' THEN 'pg_temp' ELSE schema_name END, table_name"
            + " FROM duckdb_indexes() WHERE index_name = ? AND (database_name = current_database() OR database_name = 'temp')";
    private static final String CONSTRAINED = "SELECT CASE WHEN database_name = 'temp' THEN 'pg_temp' ELSE schema_name END, table_name"
            + " FROM duckdb_tables() WHERE (database_name = current_database() OR database_name = 'temp') AND contains(comment, ?)";

    /**
     * The DuckDB script of ALTER INDEX … RENAME; empty when it renames nothing (IF EXISTS of no
     * index, after its notice); null for any other statement.
     *
     * @param translate DuckDB's script of a PostgreSQL statement (the constraint's rename)
     * @param rowsChanged whether the transaction changed rows of any table before
     */
    static String script(Node tree, CatalogView catalog, DuckDbStatementRunner runner, List<String> searchPath,
                         Consumer<String> notice, UnaryOperator<String> translate, boolean rowsChanged) {
        if (tree == null || !tree.is("RenameStmt") || !tree.str("renameType").equals("OBJECT_INDEX")) return null;
        Node rel = tree.node("relation");
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        String name = rel.str("relname");
        String newName = tree.str("newname");
        CatalogView.Relation table = tableOf(schema, name, catalog, runner, searchPath);
        TableMeta.Constraint constraint = table == null ? null : keyOrUniqueIndex(table, name);
        if (table == null) {
            if (tree.bool("missing_ok")) {
                notice.accept("relation \"" + name + "\" does not exist, skipping");
                return "";
            }
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? "" : schema + ".") + name + "\" does not exist");
        }
        if (!newName.equals(name) && (catalog.relation(table.schema(), newName) != null
                || !table.schema().equals("pg_temp") && catalog.sequence(table.schema(), newName) != null
                || index(table.schema(), newName, runner, List.of()) != null)) {
            throw new PgException("42P07", "relation \"" + newName + "\" already exists");
        }
        if (rowsChanged && (constraint != null && constraint.index() || constraint == null && IndexedAlter.unique(table, name, runner))) {
            // DuckDB checks a unique index made again after rows changed in the transaction against them at COMMIT, and fails
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER INDEX … RENAME of a unique index after rows of its table"
                    + " changed in the same transaction is not supported").withHint("Rename it in a transaction of its own.");
        }
        if (constraint != null && constraint.index()) {
            // a unique index serve records with the table's constraints (as pg_index shows it): its record follows
            List<String> out = new java.util.ArrayList<>(IndexedAlter.renameIndex(table, name, newName, runner));
            out.add("COMMENT ON TABLE " + IndexedAlter.qualifier(table) + SqlNames.quote(table.name()) + " IS "
                    + SqlNames.literal(table.meta().renaming(name, newName).write()));
            return String.join(";\n", out);
        }
        if (constraint != null) {
            // the index of a key: the constraint is renamed with it
            String qualified = table.schema().equals("pg_temp") ? SqlNames.quote(table.name()) // the temporary table comes first
                    : SqlNames.quote(table.schema()) + "." + SqlNames.quote(table.name());
            return translate.apply("ALTER TABLE " + qualified + " RENAME CONSTRAINT " + SqlNames.quote(name) + " TO " + SqlNames.quote(newName));
        }
        return String.join(";\n", IndexedAlter.renameIndex(table, name, newName, runner));
    }

    private static final String COMMENTED = "SELECT CASE WHEN database_name = 'temp' THEN 'pg_temp' ELSE schema_name END, comment"
            + " FROM duckdb_indexes() WHERE index_name = ? AND (database_name = current_database() OR database_name = 'temp')"
            + " UNION ALL SELECT CASE WHEN database_name = 'temp' THEN 'pg_temp' ELSE schema_name END, comment"
            + " FROM duckdb_sequences() WHERE sequence_name = ? AND (database_name = current_database() OR database_name = 'temp')";

    /**
     * COMMENT ON INDEX / SEQUENCE: the description joins what serve keeps in the object's comment
     * (an index's definition, keys and options, a sequence's type), which a plain COMMENT would
     * replace. Null for any other statement, or an object that is not there (the statement as
     * translated then reports it).
     */
    static String comment(Node tree, DuckDbStatementRunner runner, List<String> searchPath) {
        if (tree == null || !tree.is("CommentStmt")) return null;
        String type = tree.str("objtype");
        if (!type.equals("OBJECT_INDEX") && !type.equals("OBJECT_SEQUENCE")) return null;
        List<String> names = new java.util.ArrayList<>();
        for (Node n : tree.node("object").list("items")) names.add(n.str("sval"));
        if (names.isEmpty() || names.size() > 2) return null;
        String schema = names.size() == 2 ? names.get(0) : null;
        String name = names.get(names.size() - 1);
        String[] found = pick(runner.query(COMMENTED, ps -> {
            ps.setString(1, name);
            ps.setString(2, name);
        }, rs -> new String[] {rs.getString(1), rs.getString(2)}), schema, searchPath);
        if (found == null || found[1] == null || !found[1].startsWith("{")) return null;
        String text = tree.has("comment") && !tree.str("comment").isEmpty() ? tree.str("comment") : null; // '' drops it
        String meta = dev.pgwire.serve.sql.ObjectMeta.read(found[1]).withDescription(text).write();
        String qualified = found[0].equals("pg_temp") ? SqlNames.quote(name) : SqlNames.quote(found[0]) + "." + SqlNames.quote(name);
        return "COMMENT ON " + (type.equals("OBJECT_INDEX") ? "INDEX " : "SEQUENCE ") + qualified + " IS " + SqlNames.literal(meta);
    }

    /** {schema, table} of DuckDB's index {@code name}, or null. */
    private static String[] index(String schema, String name, DuckDbStatementRunner runner, List<String> searchPath) {
        return pick(runner.query(INDEXES, ps -> ps.setString(1, name), rs -> new String[] {rs.getString(1), rs.getString(2)}),
                schema, searchPath);
    }

    /**
     * The table of index {@code name} (in {@code schema}, or found on the search path): one of
     * DuckDB's, or a primary key's or unique constraint's serve records; null when there is none.
     */
    static CatalogView.Relation tableOf(String schema, String name, CatalogView catalog, DuckDbStatementRunner runner,
                                        List<String> searchPath) {
        String[] index = index(schema, name, runner, searchPath);
        if (index != null) return relation(index, catalog);
        // a key's index: of the tables naming a constraint so, one whose primary key or unique constraint it is
        List<String[]> keyed = new java.util.ArrayList<>();
        for (String[] t : runner.query(CONSTRAINED, ps -> ps.setString(1, "\"name\":" + SqlNames.jsonString(name)),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            CatalogView.Relation r = relation(t, catalog);
            if (r != null && keyOrUniqueIndex(r, name) != null) keyed.add(t);
        }
        String[] found = pick(keyed, schema, searchPath);
        return found == null ? null : relation(found, catalog);
    }

    private static CatalogView.Relation relation(String[] schemaAndTable, CatalogView catalog) {
        boolean temp = schemaAndTable[0].equals("pg_temp");
        CatalogView.Relation r = catalog.relation(temp ? null : schemaAndTable[0], schemaAndTable[1]); // a temporary table comes first
        return r == null || temp != r.schema().equals("pg_temp") ? null : r;
    }

    /** The table's primary key, unique constraint or unique index of that name, or null. */
    private static TableMeta.Constraint keyOrUniqueIndex(CatalogView.Relation table, String name) {
        TableMeta.Constraint c = table.meta().constraint(name);
        return c != null && "pu".contains(c.type()) ? c : null;
    }

    /** The one of {schema, table} rows in {@code schema}, or the first on the search path (a temporary one first). */
    private static String[] pick(List<String[]> rows, String schema, List<String> searchPath) {
        if (schema != null) {
            for (String[] r : rows) if (r[0].equals(schema) || schema.equals("pg_temp") && r[0].equals("pg_temp")) return r;
            return null;
        }
        for (String[] r : rows) if (r[0].equals("pg_temp")) return r;
        for (String s : searchPath) for (String[] r : rows) if (r[0].equals(s)) return r;
        return null;
    }
}
