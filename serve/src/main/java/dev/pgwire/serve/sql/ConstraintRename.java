package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE … RENAME CONSTRAINT a TO b: the name serve keeps for the constraint (its errors and
 * pg_constraint show it) changes. A primary key's or unique constraint's index is a relation of
 * the constraint's name in PostgreSQL, so the new name must not be one; a UNIQUE constraint that
 * ALTER TABLE added is a DuckDB index of its name, made again under the new one.
 */
final class ConstraintRename {
    private ConstraintRename() {}

    /**
     * The DuckDB statements for the rename, ending with the table's new comment.
     *
     * @param table the table as DuckDB names it in a statement
     * @param relationExists whether a relation (table, index, sequence…) of the new name exists in the table's schema
     */
    static List<String> write(Relation r, String relationName, String table, String oldName, String newName,
                              java.util.function.Predicate<String> relationExists) {
        if (r == null || r.view()) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + relationName + "\" does not exist");
        TableMeta meta = r.meta();
        TableMeta.Constraint c = meta.constraint(oldName);
        if (c == null || c.index()) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + oldName + "\" for table \"" + r.name() + "\" does not exist");
        }
        List<String> out = new ArrayList<>();
        TableMeta.Constraint other = meta.constraint(newName);
        if (c.type().equals("p") || c.type().equals("u")) {
            // PostgreSQL renames the constraint's index first: the name must be free among relations
            boolean taken = other != null && (other.index() || other.type().equals("p") || other.type().equals("u"));
            if (taken || relationExists.test(newName)) throw new PgException("42P07", "relation \"" + newName + "\" already exists");
        }
        if (other != null && !other.index()) {
            throw new PgException("42710", "constraint \"" + newName + "\" for relation \"" + r.name() + "\" already exists");
        }
        if (c.backedByIndex()) {
            String schema = r.schema().equals("pg_temp") ? "" : SqlWriter.quoteIdent(r.schema()) + ".";
            out.add("DROP INDEX " + schema + SqlWriter.quoteIdent(oldName));
            List<String> keys = new ArrayList<>();
            for (String k : c.columns()) keys.add(SqlWriter.quoteIdent(k));
            out.add("CREATE UNIQUE INDEX " + SqlWriter.quoteIdent(newName) + " ON " + table + " (" + String.join(", ", keys) + ")");
        }
        out.add("COMMENT ON TABLE " + table + " IS " + SqlWriter.quoteLiteral(meta.renaming(oldName, newName).write()));
        return out;
    }
}
