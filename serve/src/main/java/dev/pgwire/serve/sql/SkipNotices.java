package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * The NOTICEs PostgreSQL gives before DDL with IF EXISTS or IF NOT EXISTS that skips its object:
 * {@code table "t" does not exist, skipping}, {@code relation "t" already exists, skipping},
 * {@code column "c" of relation "t" already exists, skipping}. Psql prints them, migration tools
 * log them and drivers pass them on as warnings. A notice is given only where the object's absence
 * (or presence) is certain; where serve cannot tell, none.
 */
public final class SkipNotices {
    private SkipNotices() {}

    /** What exists in the database, as the statement about to run sees it. */
    public interface Lookup {
        /**
         * A table, view, index or sequence named {@code name} in {@code schema}: null for the
         * search_path and the session's temporary objects, {@code pg_temp} for those alone.
         */
        boolean relationExists(String schema, String name);

        boolean schemaExists(String name);

        /** A type named {@code name} in {@code schema}, or (schema null) in any schema. */
        boolean typeExists(String schema, String name);

        /** The schema an unqualified new relation is made in (the first of the search_path). */
        String creationSchema();

        /**
         * Whether an index of this name may exist: one of DuckDB's, or one serve names for a
         * constraint (a primary key's, which DuckDB keeps unnamed). True when unsure.
         */
        boolean indexMayExist(String schema, String name);
    }

    /** A notice: its SQLSTATE and message. */
    public record Notice(String sqlState, String message) {}

    /** The notices for {@code stmt} (none for most statements). */
    public static List<Notice> of(Node stmt, CatalogView catalog, Lookup lookup) {
        List<Notice> out = new ArrayList<>();
        if (stmt == null) return out;
        switch (stmt.type()) {
            case "AlterTableStmt" -> {
                String missing = missingRelation(stmt, catalog);
                if (missing != null) out.add(new Notice("00000", missing));
                out.addAll(skippedColumns(stmt, catalog));
            }
            case "RenameStmt" -> {
                String missing = missingRelation(stmt, catalog);
                if (missing != null) out.add(new Notice("00000", missing));
            }
            case "DropStmt" -> {
                if (stmt.bool("missing_ok")) dropped(stmt, lookup, out);
                if (stmt.str("behavior").equals("DROP_CASCADE")) {
                    List<ViewDependents.Dependent> views = ViewDependents.ofDrop(stmt, catalog);
                    if (!views.isEmpty()) out.add(new Notice("00000", ViewDependents.cascadeNotice(views, catalog)));
                }
            }
            case "CreateStmt", "CreateSeqStmt" -> {
                if (stmt.bool("if_not_exists")) existing(stmt.node(stmt.is("CreateStmt") ? "relation" : "sequence"), lookup, out);
            }
            case "CreateTableAsStmt" -> {
                Node into = stmt.node("into");
                if (stmt.bool("if_not_exists") && into != null) existing(into.node("rel"), lookup, out);
            }
            case "IndexStmt" -> {
                Node rel = stmt.node("relation");
                String index = stmt.str("idxname");
                if (stmt.bool("if_not_exists") && rel != null && !index.isEmpty()
                        && lookup.relationExists(DdlChanges.emptyToNull(rel.str("schemaname")), index)) {
                    out.add(new Notice("42P07", "relation \"" + index + "\" already exists, skipping"));
                }
            }
            case "CreateSchemaStmt" -> {
                String name = stmt.str("schemaname");
                if (stmt.bool("if_not_exists") && !name.isEmpty() && lookup.schemaExists(name)) {
                    out.add(new Notice("42P06", "schema \"" + name + "\" already exists, skipping"));
                }
            }
            default -> { }
        }
        return out;
    }

    /**
     * The command tag of {@code stmt} when it is a CREATE … IF NOT EXISTS whose object exists
     * already ({@code notices} say so): nothing is to be done, as in PostgreSQL. Else null.
     */
    public static String skippedTag(Node stmt, List<Notice> notices) {
        // DROP TRIGGER IF EXISTS: there is never a trigger to drop (DdlDrops)
        if (stmt != null && stmt.is("DropStmt") && stmt.str("removeType").equals("OBJECT_TRIGGER") && stmt.bool("missing_ok")) return "DROP TRIGGER";
        if (stmt == null || notices.stream().noneMatch(n -> n.sqlState().equals("42P07") || n.sqlState().equals("42P06"))) return null;
        return switch (stmt.type()) {
            case "CreateStmt" -> "CREATE TABLE";
            case "CreateSeqStmt" -> "CREATE SEQUENCE";
            case "CreateTableAsStmt" -> stmt.str("objtype").equals("OBJECT_MATVIEW") ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
            case "IndexStmt" -> "CREATE INDEX";
            case "CreateSchemaStmt" -> "CREATE SCHEMA";
            default -> null;
        };
    }

    /** DROP … IF EXISTS: each named object that is not there (or whose schema is not). */
    private static void dropped(Node stmt, Lookup lookup, List<Notice> out) {
        String type = stmt.str("removeType");
        if (type.equals("OBJECT_TRIGGER")) {
            for (Node object : stmt.list("objects")) {
                List<String> name = DdlDrops.objectName(object, type);
                if (name.size() < 2) continue;
                String table = name.get(name.size() - 2);
                String schema = name.size() > 2 ? name.get(name.size() - 3) : null;
                out.add(new Notice("00000", lookup.relationExists(schema, table)
                        ? "trigger \"" + name.get(name.size() - 1) + "\" for relation \"" + table + "\" does not exist, skipping"
                        : "relation \"" + String.join(".", name.subList(0, name.size() - 1)) + "\" does not exist, skipping"));
            }
            return;
        }
        String what = switch (type) {
            case "OBJECT_TABLE" -> "table";
            case "OBJECT_VIEW" -> "view";
            case "OBJECT_MATVIEW" -> "materialized view";
            case "OBJECT_SEQUENCE" -> "sequence";
            case "OBJECT_SCHEMA" -> "schema";
            case "OBJECT_TYPE", "OBJECT_DOMAIN" -> "type";
            case "OBJECT_INDEX" -> "index";
            default -> null;
        };
        if (what == null) return;
        for (Node object : stmt.list("objects")) {
            List<String> name = DdlDrops.objectName(object, type);
            String last = name.get(name.size() - 1);
            String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
            if (name.size() > 2) continue; // database-qualified: let the statement speak
            if (type.equals("OBJECT_SCHEMA")) {
                if (!lookup.schemaExists(last)) out.add(new Notice("00000", "schema \"" + last + "\" does not exist, skipping"));
            } else if (schema != null && !lookup.schemaExists(schema)) {
                out.add(new Notice("00000", "schema \"" + schema + "\" does not exist, skipping"));
            } else if (what.equals("index")) {
                if (!lookup.indexMayExist(schema, last)) out.add(new Notice("00000", "index \"" + last + "\" does not exist, skipping"));
            } else if (what.equals("type")) {
                if (!lookup.typeExists(schema, last)) {
                    out.add(new Notice("00000", "type \"" + String.join(".", name) + "\" does not exist, skipping"));
                }
            } else if (!lookup.relationExists(schema, last)) {
                out.add(new Notice("00000", what + " \"" + last + "\" does not exist, skipping"));
            }
        }
    }

    /** CREATE … IF NOT EXISTS of a relation whose name is taken in the schema it would be made in. */
    private static void existing(Node rel, Lookup lookup, List<Notice> out) {
        if (rel == null) return;
        String name = rel.str("relname");
        String schema = DdlChanges.emptyToNull(rel.str("schemaname"));
        boolean temporary = rel.str("relpersistence").equals("t") || schema != null && schema.startsWith("pg_temp");
        String in = temporary ? "pg_temp" : schema != null ? schema : lookup.creationSchema();
        if (in != null && lookup.relationExists(in, name)) out.add(new Notice("42P07", "relation \"" + name + "\" already exists, skipping"));
    }

    /** ADD COLUMN IF NOT EXISTS of a column the table has already, which changes nothing (SQLSTATE 42701). */
    static List<Notice> skippedColumns(Node stmt, CatalogView catalog) {
        Node rel = stmt.node("relation");
        Relation r = rel == null ? null : catalog.relation(DdlChanges.emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r == null) return List.of();
        List<Notice> out = new ArrayList<>();
        for (Node cmd : stmt.list("cmds")) {
            Node def = cmd.node("def");
            if (cmd.str("subtype").equals("AT_AddColumn") && cmd.bool("missing_ok") && def != null && r.column(def.str("colname")) != null) {
                out.add(new Notice("42701", "column \"" + def.str("colname") + "\" of relation \"" + r.name() + "\" already exists, skipping"));
            }
            if (cmd.str("subtype").equals("AT_DropColumn") && cmd.bool("missing_ok") && r.column(cmd.str("name")) == null) {
                out.add(new Notice("00000", "column \"" + cmd.str("name") + "\" of relation \"" + r.name() + "\" does not exist, skipping"));
            }
        }
        return out;
    }

    /** ALTER TABLE IF EXISTS (or its RENAME) of a table or view that does not exist, else null. */
    static String missingRelation(Node stmt, CatalogView catalog) {
        if (!stmt.bool("missing_ok")) return null;
        // of a table or view (the relations the catalog view knows), not of an index or sequence
        String kind = stmt.is("AlterTableStmt") ? stmt.str("objtype")
                : stmt.str("renameType").equals("OBJECT_COLUMN") ? stmt.str("relationType") : stmt.str("renameType");
        if (!kind.equals("OBJECT_TABLE") && !kind.equals("OBJECT_VIEW")) return null;
        Node rel = stmt.node("relation");
        if (rel == null || catalog.relation(DdlChanges.emptyToNull(rel.str("schemaname")), rel.str("relname")) != null) return null;
        return "relation \"" + rel.str("relname") + "\" does not exist, skipping";
    }
}
