package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.ArrayList;
import java.util.List;

/**
 * DROP as PostgreSQL does it (part of {@link DdlChanges}): all or nothing, each kind of relation
 * only by its own DROP, the views reading what goes refused without CASCADE and dropped first
 * with it, foreign keys referencing a dropped table with it, the sequences of its serial columns
 * after it, and the columns declared with a dropped domain or composite type.
 */
final class DdlDrops {
    private final SessionContext session;
    private final List<String> script;
    private final ReferencingKeys keys;

    DdlDrops(SessionContext session, List<String> script, ReferencingKeys keys) {
        this.session = session;
        this.script = script;
        this.keys = keys;
    }

    /** DROP TABLE / VIEW / MATERIALIZED VIEW / INDEX / SEQUENCE / SCHEMA / TYPE / DOMAIN / FUNCTION. */
    void drop(Node s) {
        String type = s.str("removeType");
        boolean ifExists = s.bool("missing_ok");
        boolean cascade = s.str("behavior").equals("DROP_CASCADE");
        if (type.equals("OBJECT_TRIGGER")) {
            dropTrigger(s, ifExists);
            return;
        }
        String keyword = switch (type) {
            case "OBJECT_TABLE" -> "TABLE";
            case "OBJECT_VIEW" -> "VIEW";
            case "OBJECT_INDEX" -> "INDEX";
            case "OBJECT_SEQUENCE" -> "SEQUENCE";
            case "OBJECT_SCHEMA" -> "SCHEMA";
            case "OBJECT_TYPE", "OBJECT_DOMAIN" -> "TYPE";
            case "OBJECT_MATVIEW" -> "TABLE";
            case "OBJECT_FUNCTION" -> "MACRO";
            default -> throw DdlEmitter.unsupported("DROP " + Classifier.objectName(type));
        };
        if (!ifExists && (type.equals("OBJECT_TABLE") || type.equals("OBJECT_VIEW") || type.equals("OBJECT_MATVIEW"))) {
            // the statement drops all or nothing: every object is looked for before the first goes
            for (Node object : s.list("objects")) {
                List<String> name = objectName(object, type);
                if (DdlChanges.relation(session, name) == null) {
                    throw new PgException(SqlState.UNDEFINED_TABLE, (type.equals("OBJECT_TABLE") ? "table" : type.equals("OBJECT_VIEW")
                            ? "view" : "materialized view") + " \"" + name.get(name.size() - 1) + "\" does not exist");
                }
            }
        }
        if (type.equals("OBJECT_TABLE") || type.equals("OBJECT_MATVIEW")) {
            for (Node object : s.list("objects")) wrongKind(objectName(object, type), type);
        }
        if (type.equals("OBJECT_TABLE") || type.equals("OBJECT_VIEW") || type.equals("OBJECT_MATVIEW")) dependentViews(s, type, cascade);
        if (type.equals("OBJECT_FUNCTION")) functionViews(s, cascade);
        List<Relation> dropped = new ArrayList<>();
        if (type.equals("OBJECT_TABLE")) {
            for (Node object : s.list("objects")) {
                Relation r = DdlChanges.relation(session, objectName(object, type));
                if (r != null && !r.view()) dropped.add(r);
            }
            keys.dropReferencing(dropped, cascade);
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Node object : s.list("objects")) {
            List<String> name = objectName(object, type);
            String qualified = DdlChanges.dotted(name);
            if (!named.add(qualified)) continue; // named twice: dropped once, as in PostgreSQL
            if (type.equals("OBJECT_DOMAIN") || type.equals("OBJECT_TYPE")) typeColumns(name, cascade);
            List<String> owned = type.equals("OBJECT_TABLE") ? ownedSequences(name) : List.of();
            if (cascade && (type.equals("OBJECT_SEQUENCE") || type.equals("OBJECT_SCHEMA"))) script.add(defaultsGuard(type, name));
            script.add("DROP " + keyword + (ifExists ? " IF EXISTS " : " ") + qualified + (cascade ? " CASCADE" : ""));
            for (String seq : owned) script.add("DROP SEQUENCE IF EXISTS " + seq);
            if (type.equals("OBJECT_SCHEMA")) {
                script.add("DELETE FROM pgwire.schema_comments WHERE name = " + SqlWriter.quoteLiteral(name.get(name.size() - 1)));
            }
        }
    }

    /**
     * DROP SEQUENCE … CASCADE (or DROP SCHEMA … CASCADE of a schema holding one) of a sequence a
     * table's column default draws from, the table elsewhere: refused before anything is dropped.
     * PostgreSQL drops the default alone; DuckDB's CASCADE would drop the whole table, rows and all.
     */
    private static String defaultsGuard(String type, List<String> name) {
        String last = SqlWriter.quoteLiteral(name.get(name.size() - 1));
        String which = type.equals("OBJECT_SEQUENCE")
                ? "s.sequence_name = " + last + (name.size() > 1 ? " AND s.schema_name = " + SqlWriter.quoteLiteral(name.get(name.size() - 2))
                        : " AND s.schema_name = current_schema()")
                : "s.schema_name = " + last + " AND t.schema_name <> " + last;
        String what = type.equals("OBJECT_SEQUENCE") ? "DROP SEQUENCE … CASCADE of a sequence" : "DROP SCHEMA … CASCADE of a schema with a sequence";
        return "SELECT CASE WHEN EXISTS (SELECT 1 FROM duckdb_dependencies() AS d"
                + " JOIN duckdb_sequences() AS s ON s.sequence_oid IN (d.objid, d.refobjid)"
                + " JOIN duckdb_tables() AS t ON t.table_oid IN (d.objid, d.refobjid)"
                + " WHERE s.database_name = current_database() AND " + which + ") THEN error("
                + SqlWriter.quoteLiteral("[pgwire:0A000] " + what + " a column default draws from is not supported"
                        + " (the table would go with it): drop the default first (ALTER TABLE … ALTER COLUMN … DROP DEFAULT)") + ") END";
    }

    /** serve keeps a materialized view as a table: each DROP takes only its own kind (42809). */
    private void wrongKind(List<String> name, String type) {
        Relation r = DdlChanges.relation(session, name);
        boolean matView = r != null && !r.view() && r.meta().matView() != null;
        if (r != null && !r.view() && matView != type.equals("OBJECT_MATVIEW")) {
            throw new PgException("42809", "\"" + name.get(name.size() - 1) + "\" is not a "
                    + (matView ? "table" : "materialized view"))
                    .withHint("Use DROP " + (matView ? "MATERIALIZED VIEW" : "TABLE") + " to remove a "
                            + (matView ? "materialized view" : "table") + ".");
        }
    }

    /** The views calling the functions dropped: refused without CASCADE (2BP01), dropped first with it. */
    private void functionViews(Node s, boolean cascade) {
        for (Node object : s.list("objects")) {
            List<String> name = object.names("objname");
            String function = name.get(name.size() - 1);
            String schema = name.size() > 1 ? name.get(name.size() - 2) : session.currentSchema();
            List<ViewDependents.Dependent> dependents = ViewDependents.ofFunction(schema, function, session.catalog());
            if (dependents.isEmpty()) continue;
            if (!cascade) throw ViewDependents.refusal("function " + function, dependents, session.catalog());
            dropViews(dependents);
        }
    }

    /** The views reading the relations dropped: refused without CASCADE, dropped first with it. */
    private void dependentViews(Node s, String type, boolean cascade) {
        List<ViewDependents.Dependent> dependents = ViewDependents.ofDrop(s, session.catalog());
        if (dependents.isEmpty()) return;
        if (!cascade) {
            String what = null;
            if (s.list("objects").size() == 1) {
                List<String> name = objectName(s.list("objects").get(0), type);
                Relation r = DdlChanges.relation(session, name);
                what = ViewDependents.kind(r) + " " + name.get(name.size() - 1);
            }
            throw ViewDependents.refusal(what, dependents, session.catalog());
        }
        dropViews(dependents);
    }

    /**
     * DROP DOMAIN or DROP TYPE of a domain, composite or enum type columns are declared with: refused
     * (2BP01) as PostgreSQL refuses it, or with CASCADE those columns are dropped first.
     */
    private void typeColumns(List<String> name, boolean cascade) {
        String typeSchema = name.size() > 1 ? name.get(name.size() - 2) : null;
        DomainMeta d = session.catalog().domain(typeSchema, name.get(name.size() - 1));
        CompositeMeta composite = d != null ? null : session.catalog().composite(typeSchema, name.get(name.size() - 1));
        String last = name.get(name.size() - 1);
        // otherwise an enum (or no type): its columns record its name as an enum's do (DuckDB would turn them into text)
        if (d == null && composite == null && dev.pgwire.serve.catalog.Builtins.typeOid(last) != 0) return;
        String typeName = d != null ? d.name() : composite != null ? composite.name() : last;
        List<String[]> columns = d != null ? session.catalog().domainColumns(d.schema(), d.name())
                : session.catalog().compositeColumns(composite != null ? composite.schema() : typeSchema, typeName);
        if (columns.isEmpty()) return;
        if (!cascade) {
            StringBuilder detail = new StringBuilder();
            for (String[] c : columns) {
                if (detail.length() > 0) detail.append('\n');
                detail.append("column ").append(c[2]).append(" of table ").append(c[1]).append(" depends on type ").append(typeName);
            }
            throw new PgException("2BP01", "cannot drop type " + typeName + " because other objects depend on it")
                    .withDetail(detail.toString()).withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        for (String[] c : columns) {
            String schema = c[0].equals("pg_temp") ? "temp.main" : SqlWriter.quoteIdent(c[0]);
            script.add("ALTER TABLE " + schema + "." + SqlWriter.quoteIdent(c[1]) + " DROP COLUMN "
                    + SqlWriter.quoteIdent(c[2]));
        }
    }

    /** The sequences serial and identity columns of a table own (dropped with it, as in PostgreSQL). */
    private List<String> ownedSequences(List<String> name) {
        Relation r = DdlChanges.relation(session, name);
        List<String> seqs = new ArrayList<>();
        if (r == null) return seqs;
        for (ColumnInfo c : r.columns()) {
            if (c.sequence() != null) seqs.add(DdlChanges.quoteQualified(c.sequence()));
        }
        return seqs;
    }

    /**
     * DROP TRIGGER: serve's tables have no triggers of their users, so there is none to drop —
     * 42704 (42P01 for no such table), or with IF EXISTS the NOTICE of {@link SkipNotices} and
     * nothing done, as migrations that drop a trigger when it is there expect.
     */
    private void dropTrigger(Node s, boolean ifExists) {
        for (Node object : s.list("objects")) {
            List<String> name = objectName(object, "OBJECT_TRIGGER");
            if (name.size() < 2) continue;
            List<String> table = name.subList(0, name.size() - 1);
            if (ifExists) continue;
            if (DdlChanges.relation(session, table) == null) {
                throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist");
            }
            throw new PgException(SqlState.UNDEFINED_OBJECT, "trigger \"" + name.get(name.size() - 1) + "\" for table \""
                    + table.get(table.size() - 1) + "\" does not exist");
        }
        script.add("SELECT 1 WHERE false"); // not run: SkipNotices answers DROP TRIGGER IF EXISTS itself
    }

    static List<String> objectName(Node object, String type) {
        if (object.is("List")) return stringsOf(object.list("items"));
        if (object.is("String")) return List.of(object.str("sval"));
        if (object.is("TypeName")) return object.names("names");
        if (object.is("ObjectWithArgs")) return object.names("objname");
        throw new Untranslatable("DROP " + type + " of " + object.type());
    }

    static List<String> stringsOf(List<Node> items) {
        List<String> out = new ArrayList<>();
        for (Node n : items) out.add(n.str("sval"));
        return out;
    }

    /** DROP … CASCADE: the dependent views go first, each before the one it reads. */
    void dropViews(List<ViewDependents.Dependent> views) {
        for (int i = views.size() - 1; i >= 0; i--) {
            ViewDependents.Dependent v = views.get(i);
            // a materialized view is a table of DuckDB's
            script.add("DROP " + (v.materialized() ? "TABLE" : "VIEW") + " IF EXISTS " + SqlWriter.quoteIdent(v.schema()) + "."
                    + SqlWriter.quoteIdent(v.name()));
        }
    }
}
