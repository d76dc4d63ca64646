package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;
import dev.pgwire.serve.catalog.UserObjects.Column;
import dev.pgwire.serve.catalog.UserObjects.EnumType;
import dev.pgwire.serve.catalog.UserObjects.Index;
import dev.pgwire.serve.catalog.UserObjects.Sequence;
import dev.pgwire.serve.catalog.UserObjects.Table;
import dev.pgwire.serve.sql.DomainMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;
import dev.pgwire.serve.sql.TableMeta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows pg_catalog shows for what users made in a database (and for the server's databases
 * and roles), as PostgreSQL 15 would have them for the same definitions: pg_namespace, pg_class,
 * pg_attribute, pg_type, pg_enum, pg_index, pg_constraint, pg_attrdef, pg_depend, pg_description,
 * pg_sequence, pg_database, pg_authid and the views over them (pg_roles, pg_tables, pg_indexes, …).
 */
final class PgCatalogRows {
    static final int PG_CATALOG_NAMESPACE = 11;
    static final int PUBLIC_NAMESPACE = 2200;
    static final int PG_DATABASE_OWNER = 6171;
    static final int HEAP = 2;
    static final int BTREE = 403;
    static final int PG_CLASS = 1259;
    static final int PG_TYPE = 1247;
    static final int PG_NAMESPACE = 2615;
    static final int PG_CONSTRAINT = 2606;
    static final int PG_ATTRDEF = 2604;
    static final int PG_REWRITE = 2618;
    static final int DEFAULT_COLLATION = 100;

    private final UserObjects user;
    private final Cluster cluster;
    private final String database;
    private final StaticCatalog st = StaticCatalog.get();
    private final CatalogDefinitions defs = CatalogDefinitions.get();
    private final Map<String, Rows> out = new LinkedHashMap<>();
    private final Oids oids;
    private final String owner;
    /** Relations by schema.name: OID and attnum by column name, for constraints and foreign keys. */
    final Map<String, Integer> relationOids = new HashMap<>();
    final Map<String, Map<String, Integer>> attnums = new HashMap<>();
    /** Tables some foreign key references (schema.name). */
    private final java.util.Set<String> referenced = new java.util.HashSet<>();

    /** A session's temporary schema (pg_temp_N) and its OID, for the rows of its temporary objects; else null and 0. */
    private final String tempSchema;
    private final int tempNamespace;
    /** relpersistence of the relations: p, or t for a session's temporary ones. */
    final String persistence;
    /** The rows of user types and functions (pg_type, pg_enum, pg_proc). */
    private final UserTypeRows types;
    /** The rows of indexes (pg_class, pg_index, pg_indexes). */
    private final IndexRows indexes;

    UserTypeRows userTypes() {
        return types;
    }

    PgCatalogRows(UserObjects user, Cluster cluster, String database) {
        this(user, cluster, database, new Oids(keys(user)), null, 0);
    }

    /**
     * The rows of a session's temporary objects ({@link #buildTemporary}), in schema
     * {@code tempSchema} of OID {@code tempNamespace}, with OIDs from {@code oids}.
     */
    PgCatalogRows(UserObjects user, Cluster cluster, String database, Oids oids, String tempSchema, int tempNamespace) {
        this.user = user;
        this.cluster = cluster;
        this.database = database;
        this.owner = cluster.roles().isEmpty() ? "postgres" : cluster.roles().get(0).name();
        this.oids = oids;
        this.tempSchema = tempSchema;
        this.tempNamespace = tempNamespace;
        this.persistence = tempSchema == null ? "p" : "t";
        this.types = new UserTypeRows(this, user, oids);
        this.indexes = new IndexRows(this, oids);
    }

    /** Every user object's OID key, so OIDs are placed all at once. */
    static List<String> keys(UserObjects u) {
        List<String> keys = new ArrayList<>();
        for (UserObjects.Schema s : u.schemas) keys.add(Oids.namespace(s.name()));
        for (Table t : u.tables) {
            keys.add(Oids.relation(t.schema(), t.name()));
            keys.add(Oids.type(t.schema(), t.name()));
            keys.add(Oids.type(t.schema(), arrayName(t.name())));
            if (t.view() || t.matView()) keys.add(Oids.rule(t.schema(), t.name()));
            for (Column c : t.columns()) if (c.defaultExpr() != null) keys.add(Oids.attrdef(t.schema(), t.name(), c.name()));
            for (TableMeta.Constraint c : t.meta().constraints()) {
                if (!c.index()) keys.add(Oids.constraint(t.schema(), t.name(), c.name()));
                if (c.type().equals("p") || c.type().equals("u")) keys.add(Oids.relation(t.schema(), c.name()));
            }
        }
        for (Index i : u.indexes) keys.add(Oids.relation(i.schema(), i.name()));
        for (Sequence s : u.sequences) keys.add(Oids.relation(s.schema(), s.name()));
        for (dev.pgwire.serve.sql.CompositeMeta c : u.composites) {
            keys.add(Oids.relation(c.schema(), c.name()));
            keys.add(Oids.type(c.schema(), c.name()));
            keys.add(Oids.type(c.schema(), arrayName(c.name())));
        }
        for (DomainMeta d : u.domains) {
            keys.add(Oids.type(d.schema(), d.name()));
            keys.add(Oids.type(d.schema(), arrayName(d.name())));
            for (String c : d.checkNames()) keys.add(Oids.domainConstraint(d.schema(), d.name(), c));
        }
        for (UserObjects.SqlFunction f : u.functions) keys.add(Oids.function(f.schema(), f.name()));
        for (EnumType e : u.enums) {
            keys.add(Oids.type(e.schema(), e.name()));
            keys.add(Oids.type(e.schema(), arrayName(e.name())));
            for (String l : e.labels()) keys.add(Oids.enumLabel(e.schema(), e.name(), l));
        }
        return keys;
    }

    static String arrayName(String name) {
        String a = "_" + name;
        while (a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) a = a.substring(0, a.length() - 1);
        return a;
    }

    Rows rows(String table) {
        return out.computeIfAbsent(table, t -> new Rows(defs.relation(CatalogDefinitions.PG_CATALOG, t)));
    }

    Map<String, Rows> build() {
        for (String t : List.of("pg_namespace", "pg_class", "pg_attribute", "pg_type", "pg_enum", "pg_index", "pg_constraint",
                "pg_attrdef", "pg_depend", "pg_description", "pg_sequence", "pg_database", "pg_authid", "pg_roles", "pg_user",
                "pg_shadow", "pg_auth_members", "pg_tables", "pg_views", "pg_matviews", "pg_indexes", "pg_sequences", "pg_stat_user_tables",
                "pg_stat_all_tables", "pg_statio_user_tables", "pg_statio_all_tables", "pg_rewrite")) {
            rows(t);
        }
        namespaces();
        types.enums();
        types.domains();
        types.composites();
        for (Table t : user.tables) relationOids.put(t.schema() + "." + t.name(), oids.of(Oids.relation(t.schema(), t.name())));
        for (Table t : user.tables) {
            for (TableMeta.Constraint c : t.meta().constraints()) {
                if (c.type().equals("f")) referenced.add(c.rule() != null ? c.rule().schema() + "." + c.references() : referencedKey(t.schema(), c.references()));
            }
        }
        for (Table t : user.tables) table(t);
        for (Table t : user.tables) constraints(t);
        for (Index i : user.indexes) indexes.index(i);
        for (Sequence s : user.sequences) sequence(s);
        if (!user.functions.isEmpty()) types.functions();
        cluster();
        builtinViews();
        return out;
    }

    /**
     * The rows of the session's temporary relations alone (pg_class, pg_attribute, pg_index,
     * pg_constraint, …), with pg_namespace's rows of its pg_temp_N and pg_toast_temp_N.
     */
    Map<String, Rows> buildTemporary() {
        rows("pg_namespace").add().set("oid", tempNamespace).set("nspname", tempSchema).set("nspowner", Cluster.BOOTSTRAP_SUPERUSER);
        rows("pg_namespace").add().set("oid", tempNamespace + 1).set("nspname", tempSchema.replace("pg_temp_", "pg_toast_temp_"))
                .set("nspowner", Cluster.BOOTSTRAP_SUPERUSER);
        for (Table t : user.tables) relationOids.put(t.schema() + "." + t.name(), oids.of(Oids.relation(t.schema(), t.name())));
        for (Table t : user.tables) table(t);
        for (Table t : user.tables) constraints(t);
        for (Index i : user.indexes) indexes.index(i);
        for (Sequence s : user.sequences) sequence(s);
        return out;
    }

    int namespaceOid(String schema) {
        if (schema.equals(tempSchema)) return tempNamespace;
        return switch (schema) {
            case "public" -> PUBLIC_NAMESPACE;
            case "pg_catalog" -> PG_CATALOG_NAMESPACE;
            default -> oids.orZero(Oids.namespace(schema));
        };
    }

    private void namespaces() {
        Rows n = rows("pg_namespace");
        for (UserObjects.Schema s : user.schemas) {
            Rows.Row row = n.add().set("oid", namespaceOid(s.name())).set("nspname", s.name())
                    .set("nspowner", s.name().equals("public") ? PG_DATABASE_OWNER : Cluster.BOOTSTRAP_SUPERUSER);
            // public as initdb makes it: its owner may use and create in it, everyone may use it
            if (s.name().equals("public")) row.set("nspacl", List.of("pg_database_owner=UC/pg_database_owner", "=U/pg_database_owner"));
            description(namespaceOid(s.name()), PG_NAMESPACE, 0, s.description());
        }
    }

    private void table(Table t) {
        int oid = relationOids.get(t.schema() + "." + t.name());
        int namespace = namespaceOid(t.schema());
        int rowType = oids.of(Oids.type(t.schema(), t.name()));
        int arrayType = oids.of(Oids.type(t.schema(), arrayName(t.name())));
        boolean view = t.view();
        boolean matView = t.matView();
        boolean hasIndex = t.meta().constraints().stream().anyMatch(c -> c.type().equals("p") || c.type().equals("u"))
                || user.indexes.stream().anyMatch(i -> i.schema().equals(t.schema()) && i.table().equals(t.name()));
        int checks = (int) t.meta().constraints().stream().filter(c -> c.type().equals("c")).count();
        // foreign keys are enforced by triggers on both tables in PostgreSQL
        boolean triggers = t.meta().constraints().stream().anyMatch(c -> c.type().equals("f"))
                || referenced.contains(t.schema() + "." + t.name());
        // a view and a materialized view are their _RETURN rule in PostgreSQL (relhasrules)
        rows("pg_class").add().set("oid", oid).set("relname", t.name()).set("relnamespace", namespace).set("reltype", rowType)
                .set("relowner", Cluster.BOOTSTRAP_SUPERUSER).set("relam", view ? 0 : HEAP).set("relfilenode", view ? 0 : oid)
                .set("reltuples", view ? -1f : (float) t.estimatedRows()).set("relhasindex", hasIndex)
                .set("relpersistence", persistence).set("relkind", view ? "v" : matView ? "m" : "r").set("relnatts", t.columns().size())
                .set("relchecks", checks).set("relhasrules", view || matView).set("relhastriggers", triggers).set("relispopulated", t.populated())
                .set("relreplident", view ? "n" : "d");
        rows("pg_type").add().set("oid", rowType).set("typname", t.name()).set("typnamespace", namespace)
                .set("typowner", Cluster.BOOTSTRAP_SUPERUSER).set("typlen", -1).set("typtype", "c").set("typcategory", "C")
                .set("typisdefined", true).set("typdelim", ",").set("typrelid", oid).set("typarray", arrayType)
                .set("typinput", 2290).set("typoutput", 2291).set("typreceive", 2402).set("typsend", 2403)
                .set("typalign", "d").set("typstorage", "x").set("typtypmod", -1);
        arrayType(arrayType, arrayName(t.name()), namespace, rowType, "d", 0);
        depend(PG_TYPE, rowType, 0, PG_CLASS, oid, 0, "i");
        depend(PG_TYPE, arrayType, 0, PG_TYPE, rowType, 0, "i");
        depend(PG_CLASS, oid, 0, PG_NAMESPACE, namespace, 0, "n");
        if (view || matView) {
            // the _RETURN rule a view is in PostgreSQL, depending on the relations its query reads
            int rule = oids.of(Oids.rule(t.schema(), t.name()));
            rows("pg_rewrite").add().set("oid", rule).set("rulename", "_RETURN").set("ev_class", oid).set("ev_type", "1")
                    .set("ev_enabled", "O").set("is_instead", true);
            depend(PG_REWRITE, rule, 0, PG_CLASS, oid, 0, "i");
            depend(PG_REWRITE, rule, 0, PG_CLASS, oid, 0, "n"); // its query's own relation, as PostgreSQL records it
            for (String read : ViewRules.referenced(t.definition(), t.schema(), relationOids.keySet())) {
                if (!read.equals(t.schema() + "." + t.name())) depend(PG_REWRITE, rule, 0, PG_CLASS, relationOids.get(read), 0, "n");
            }
        }
        description(oid, PG_CLASS, 0, t.description());
        Map<String, Integer> numbers = new HashMap<>();
        attnums.put(t.schema() + "." + t.name(), numbers);
        for (Column c : t.columns()) {
            numbers.put(c.name(), c.number());
            attribute(oid, c.name(), c.number(), c.type(), c.notNull(), c.defaultExpr() != null, c.identity(), c.generated());
            int def = 0;
            if (c.defaultExpr() != null) {
                def = oids.of(Oids.attrdef(t.schema(), t.name(), c.name()));
                rows("pg_attrdef").add().set("oid", def).set("adrelid", oid).set("adnum", c.number()).set("adbin", c.defaultExpr());
                depend(PG_ATTRDEF, def, 0, PG_CLASS, oid, c.number(), "a");
                // a sequence the default names (nextval('s')) that no column owns: pg_dump makes it before the default
                for (String[] named : dev.pgwire.serve.sql.SchemaNames.relations(c.defaultExpr())) {
                    int seq = named[0] == null || named[1].equals(c.sequence()) ? 0 : oids.orZero(Oids.relation(named[0], named[1]));
                    if (seq != 0) depend(PG_ATTRDEF, def, 0, PG_CLASS, seq, 0, "n");
                }
            }
            description(oid, PG_CLASS, c.number(), c.description());
            if (c.sequence() != null) {
                String seqKey = Oids.relation(t.schema(), c.sequence());
                int seq = oids.orZero(seqKey);
                if (seq != 0) depend(PG_CLASS, seq, 0, PG_CLASS, oid, c.number(), c.identity().isEmpty() ? "a" : "i");
                // a serial's default draws from its sequence: pg_dump sets the default after creating the sequence
                if (seq != 0 && def != 0) depend(PG_ATTRDEF, def, 0, PG_CLASS, seq, 0, "n");
            }
        }
        if (!view) systemAttributes(oid);
        if (view) {
            rows("pg_views").add().set("schemaname", t.schema()).set("viewname", t.name()).set("viewowner", owner)
                    .set("definition", t.shownDefinition(false));
        } else {
            if (matView) {
                rows("pg_matviews").add().set("schemaname", t.schema()).set("matviewname", t.name()).set("matviewowner", owner)
                        .set("hasindexes", hasIndex).set("ispopulated", t.populated()).set("definition", t.definition());
            } else {
                rows("pg_tables").add().set("schemaname", t.schema()).set("tablename", t.name()).set("tableowner", owner)
                        .set("hasindexes", hasIndex).set("hasrules", false).set("hastriggers", triggers).set("rowsecurity", false);
            }
            for (String stats : List.of("pg_stat_user_tables", "pg_stat_all_tables")) {
                rows(stats).add().set("relid", oid).set("schemaname", t.schema()).set("relname", t.name())
                        .set("seq_scan", 0).set("seq_tup_read", 0).set("n_tup_ins", 0).set("n_tup_upd", 0).set("n_tup_del", 0)
                        .set("n_tup_hot_upd", 0).set("n_live_tup", t.estimatedRows()).set("n_dead_tup", 0)
                        .set("n_mod_since_analyze", 0).set("n_ins_since_vacuum", 0).set("vacuum_count", 0)
                        .set("autovacuum_count", 0).set("analyze_count", 0).set("autoanalyze_count", 0);
            }
            for (String stats : List.of("pg_statio_user_tables", "pg_statio_all_tables")) {
                rows(stats).add().set("relid", oid).set("schemaname", t.schema()).set("relname", t.name())
                        .set("heap_blks_read", 0).set("heap_blks_hit", 0);
            }
        }
    }

    /** The OID of a column's type ({@link UserTypeRows#typeOid}). */
    int typeOid(PgTypeName t) {
        return types.typeOid(t);
    }

    /** The OID of a domain's check constraint, or null. */
    Integer domainConstraintOid(String schema, String domain, String name) {
        return types.domainConstraintOid(schema, domain, name);
    }

    void attribute(int relation, String name, int number, PgTypeName type, boolean notNull, boolean hasDefault,
                           String identity, boolean generated) {
        int typeOid = typeOid(type);
        DomainMeta domain = types.isDomain(typeOid) ? user.domain(type.name()) : null;
        int storageType = domain != null ? typeOid(domain.base()) : typeOid; // a domain's column is stored as its base type
        boolean builtin = st.isBuiltinType(storageType);
        boolean isEnum = !builtin && !type.isArray() && types.isEnum(storageType);
        boolean composite = !builtin && !isEnum && types.isComposite(storageType);
        int collation = builtin ? st.typeCollation(storageType) : 0;
        if (type.isArray() && builtin) {
            collation = st.typeCollation(elementOf(typeOid));
        }
        rows("pg_attribute").add().set("attrelid", relation).set("attname", name).set("atttypid", typeOid)
                .set("attstattarget", -1).set("attlen", builtin ? st.typeLength(storageType) : isEnum ? 4 : -1).set("attnum", number)
                .set("attndims", type.dimensions()).set("attcacheoff", -1).set("atttypmod", type.typmod())
                .set("attbyval", builtin ? st.typeByValue(storageType) : isEnum).set("attalign", builtin ? st.typeAlign(storageType) : composite ? "d" : "i")
                .set("attstorage", builtin ? st.typeStorage(storageType) : isEnum ? "p" : "x").set("attcompression", "")
                .set("attnotnull", notNull).set("atthasdef", hasDefault).set("attidentity", identity == null ? "" : identity)
                .set("attgenerated", generated ? "s" : "").set("attislocal", true).set("attcollation", collation);
    }

    /** A table's system columns (ctid, xmin, cmin, xmax, cmax, tableoid) as PostgreSQL lists them, attnum -1 to -6. */
    private void systemAttributes(int relation) {
        String[] names = {"ctid", "xmin", "cmin", "xmax", "cmax", "tableoid"};
        int[] types = {27, 28, 29, 28, 29, 26};
        for (int i = 0; i < names.length; i++) {
            boolean ctid = i == 0;
            rows("pg_attribute").add().set("attrelid", relation).set("attname", names[i]).set("atttypid", types[i])
                    .set("attstattarget", 0).set("attlen", ctid ? 6 : 4).set("attnum", -(i + 1)).set("attndims", 0)
                    .set("attcacheoff", -1).set("atttypmod", -1).set("attbyval", !ctid).set("attalign", ctid ? "s" : "i")
                    .set("attstorage", "p").set("attcompression", "").set("attnotnull", true).set("atthasdef", false)
                    .set("attidentity", "").set("attgenerated", "").set("attislocal", true).set("attcollation", 0);
        }
    }

    int elementOf(int arrayOid) {
        for (Object[] row : st.rows("pg_type").rows) {
            if (((Long) row[0]).intValue() == arrayOid) return ((Long) row[13]).intValue();
        }
        return 0;
    }

    private void constraints(Table t) {
        int relation = relationOids.get(t.schema() + "." + t.name());
        int namespace = namespaceOid(t.schema());
        Map<String, Integer> numbers = attnums.get(t.schema() + "." + t.name());
        for (TableMeta.Constraint c : t.meta().constraints()) {
            if (c.index()) continue; // a unique index made by CREATE UNIQUE INDEX: DuckDB's index, listed with the others
            List<Short> keys = new ArrayList<>();
            for (String col : c.columns()) keys.add((short) (int) numbers.getOrDefault(col, 0));
            int index = 0;
            if (c.type().equals("p") || c.type().equals("u")) {
                index = oids.of(Oids.relation(t.schema(), c.name()));
                List<String> texts = new ArrayList<>();
                for (String col : c.columns()) texts.add(quoteIdent(col));
                String def = IndexRows.definition(c.name(), true, t.schema(), t.name(), texts, null);
                indexes.rows(index, c.name(), namespace, relation, t.schema(), t.name(), true, c.type().equals("p"),
                        c.columns(), keys, List.of(), null, def, null);
            }
            int oid = oids.of(Oids.constraint(t.schema(), t.name(), c.name()));
            Rows.Row row = rows("pg_constraint").add().set("oid", oid).set("conname", c.name()).set("connamespace", namespace)
                    .set("contype", c.type()).set("convalidated", true).set("conrelid", relation).set("conindid", index)
                    .set("confupdtype", !c.type().equals("f") ? " " : c.rule() == null ? "a" : c.rule().onUpdate())
                    .set("confdeltype", !c.type().equals("f") ? " " : c.rule() == null ? "a" : c.rule().onDelete())
                    .set("confmatchtype", !c.type().equals("f") ? " " : c.rule() == null ? "s" : c.rule().match())
                    .set("condeferrable", c.rule() != null && c.rule().deferrable())
                    .set("condeferred", c.rule() != null && c.rule().deferred())
                    .set("convalidated", c.validated()).set("conislocal", true)
                    // PostgreSQL marks index-backed and foreign-key constraints non-inheritable (they never are inherited)
                    .set("connoinherit", !c.type().equals("c"))
                    .set("conkey", keys.isEmpty() ? null : keys);
            if (c.type().equals("c")) {
                row.set("conbin", c.expression());
                if (keys.isEmpty()) row.set("conkey", null);
            }
            if (c.type().equals("f")) {
                String refKey = c.rule() != null ? c.rule().schema() + "." + c.references() : referencedKey(t.schema(), c.references());
                Integer ref = relationOids.get(refKey);
                row.set("confrelid", ref == null ? 0 : ref);
                Map<String, Integer> refNumbers = attnums.getOrDefault(refKey, Map.of());
                List<String> refCols = c.referencedColumns().isEmpty() ? primaryKeyOf(refKey) : c.referencedColumns();
                List<Short> refKeys = new ArrayList<>();
                for (String col : refCols) refKeys.add((short) (int) refNumbers.getOrDefault(col, 0));
                row.set("confkey", refKeys);
                int refIndex = referencedIndex(refKey, refCols);
                row.set("conindid", refIndex);
                // on each referenced column and on the unique index it checks against, as PostgreSQL records it
                if (ref != null) for (Short k : refKeys) depend(PG_CONSTRAINT, oid, 0, PG_CLASS, ref, k, "n");
                if (refIndex != 0) depend(PG_CONSTRAINT, oid, 0, PG_CLASS, refIndex, 0, "n");
            }
            for (Short k : keys) depend(PG_CONSTRAINT, oid, 0, PG_CLASS, relation, k, "a");
            if (index != 0) depend(PG_CLASS, index, 0, PG_CONSTRAINT, oid, 0, "i");
        }
    }

    private String referencedKey(String schema, String table) {
        if (table == null) return "";
        if (table.contains(".")) return table;
        if (relationOids.containsKey(schema + "." + table)) return schema + "." + table;
        return "public." + table;
    }

    private List<String> primaryKeyOf(String key) {
        for (Table t : user.tables) {
            if ((t.schema() + "." + t.name()).equals(key)) {
                for (TableMeta.Constraint c : t.meta().constraints()) if (c.type().equals("p")) return c.columns();
            }
        }
        return List.of();
    }

    private int referencedIndex(String key, List<String> columns) {
        for (Table t : user.tables) {
            if (!(t.schema() + "." + t.name()).equals(key)) continue;
            for (TableMeta.Constraint c : t.meta().constraints()) {
                if (c.key() && c.columns().equals(columns)) {
                    return oids.orZero(Oids.relation(t.schema(), c.name()));
                }
            }
        }
        return 0;
    }

    /** The defaults of SQL functions' last arguments as PostgreSQL shows them, by function OID. */
    final Map<Integer, List<String>> functionDefaults = new HashMap<>();

    /** pg_get_indexdef's answers, by index OID. */
    final Map<Integer, RelationText> indexDefinitions = new HashMap<>();
    /** pg_get_indexdef(oid, 0, true)'s answers where they differ (a partial index's predicate). */
    final Map<Integer, RelationText> prettyIndexDefinitions = new HashMap<>();
    /** pg_get_indexdef(oid, column, …)'s answers: each key's text. */
    final Map<Integer, List<String>> indexKeys = new HashMap<>();

    Table tableOf(String schema, String name) {
        for (Table t : user.tables) if (t.schema().equals(schema) && t.name().equals(name)) return t;
        return null;
    }

    private void sequence(Sequence s) {
        int oid = oids.of(Oids.relation(s.schema(), s.name()));
        int namespace = namespaceOid(s.schema());
        int type = st.typeOid(s.type());
        rows("pg_class").add().set("oid", oid).set("relname", s.name()).set("relnamespace", namespace)
                .set("relowner", Cluster.BOOTSTRAP_SUPERUSER).set("relfilenode", oid).set("relpages", 1).set("reltuples", 1f)
                .set("relpersistence", persistence).set("relkind", "S").set("relnatts", 3).set("relispopulated", true)
                .set("relreplident", "n");
        for (Object[] a : new Object[][] {{"last_value", 1}, {"log_cnt", 2}, {"is_called", 3}}) {
            PgTypeName t = a[1].equals(3) ? new PgTypeName("bool", -1, 0, true) : new PgTypeName("int8", -1, 0, true);
            attribute(oid, (String) a[0], (Integer) a[1], t, true, false, "", false);
        }
        systemAttributes(oid); // a sequence is a one-row relation with system columns, as a table
        rows("pg_sequence").add().set("seqrelid", oid).set("seqtypid", type).set("seqstart", s.start())
                .set("seqincrement", s.increment()).set("seqmax", s.max()).set("seqmin", s.min()).set("seqcache", 1)
                .set("seqcycle", s.cycle());
        rows("pg_sequences").add().set("schemaname", s.schema()).set("sequencename", s.name()).set("sequenceowner", owner)
                .set("data_type", type).set("start_value", s.start()).set("min_value", s.min()).set("max_value", s.max())
                .set("increment_by", s.increment()).set("cycle", s.cycle()).set("cache_size", 1).set("last_value", s.lastValue());
        depend(PG_CLASS, oid, 0, PG_NAMESPACE, namespace, 0, "n");
        description(oid, PG_CLASS, 0, s.description());
    }

    private void cluster() {
        Rows db = rows("pg_database");
        for (String name : cluster.databases()) {
            db.add().set("oid", Cluster.databaseOid(name)).set("datname", name).set("datdba", Cluster.BOOTSTRAP_SUPERUSER)
                    .set("encoding", 6).set("datlocprovider", "c").set("datistemplate", false).set("datallowconn", true)
                    .set("datconnlimit", -1).set("datfrozenxid", 716).set("datminmxid", 1).set("dattablespace", 1663)
                    .set("datcollate", "C").set("datctype", "C");
        }
        Rows authid = rows("pg_authid");
        Rows roles = rows("pg_roles");
        Rows users = rows("pg_user");
        Rows shadow = rows("pg_shadow");
        Rows members = rows("pg_auth_members");
        for (Object[] p : Cluster.PREDEFINED) {
            authid.add().set("oid", p[0]).set("rolname", p[1]).set("rolinherit", true).set("rolconnlimit", -1);
            roles.add().set("oid", p[0]).set("rolname", p[1]).set("rolsuper", false).set("rolinherit", true)
                    .set("rolcreaterole", false).set("rolcreatedb", false).set("rolcanlogin", false).set("rolreplication", false)
                    .set("rolconnlimit", -1).set("rolpassword", "********").set("rolbypassrls", false);
        }
        for (int[] m : Cluster.PREDEFINED_MEMBERSHIPS) {
            members.add().set("roleid", m[0]).set("member", m[1]).set("grantor", Cluster.BOOTSTRAP_SUPERUSER).set("admin_option", false);
        }
        for (Cluster.Role r : cluster.roles()) {
            int oid = r.oid();
            authid.add().set("oid", oid).set("rolname", r.name()).set("rolsuper", r.superuser()).set("rolinherit", r.inherit())
                    .set("rolcreaterole", r.createRole()).set("rolcreatedb", r.createDb()).set("rolcanlogin", r.login())
                    .set("rolreplication", r.replication()).set("rolbypassrls", r.bypassRls()).set("rolconnlimit", r.connectionLimit())
                    .set("rolpassword", r.password()).set("rolvaliduntil", r.validUntil());
            roles.add().set("oid", oid).set("rolname", r.name()).set("rolsuper", r.superuser()).set("rolinherit", r.inherit())
                    .set("rolcreaterole", r.createRole()).set("rolcreatedb", r.createDb()).set("rolcanlogin", r.login())
                    .set("rolreplication", r.replication()).set("rolconnlimit", r.connectionLimit()).set("rolpassword", "********")
                    .set("rolvaliduntil", r.validUntil()).set("rolbypassrls", r.bypassRls());
            if (r.login()) {
                users.add().set("usename", r.name()).set("usesysid", oid).set("usecreatedb", r.createDb())
                        .set("usesuper", r.superuser()).set("userepl", r.replication()).set("usebypassrls", r.bypassRls())
                        .set("passwd", "********").set("valuntil", r.validUntil());
                shadow.add().set("usename", r.name()).set("usesysid", oid).set("usecreatedb", r.createDb())
                        .set("usesuper", r.superuser()).set("userepl", r.replication()).set("usebypassrls", r.bypassRls())
                        .set("passwd", r.password()).set("valuntil", r.validUntil());
            }
        }
        for (Cluster.Membership m : cluster.memberships()) {
            members.add().set("roleid", m.role()).set("member", m.member()).set("grantor", m.grantor())
                    .set("admin_option", m.adminOption());
        }
    }

    /** pg_tables, pg_views and pg_indexes list the catalogs' own relations too. */
    private void builtinViews() {
        Rows cls = st.rows("pg_class");
        int oidCol = cls.column("oid"), name = cls.column("relname"), nsp = cls.column("relnamespace"), kind = cls.column("relkind"),
                hasIndex = cls.column("relhasindex"), shared = cls.column("relisshared");
        for (Object[] r : cls.rows) {
            String schema = ((Long) r[nsp]) == PG_CATALOG_NAMESPACE ? "pg_catalog" : "information_schema";
            switch ((String) r[kind]) {
                case "r" -> rows("pg_tables").add().set("schemaname", schema).set("tablename", r[name]).set("tableowner", owner)
                        .set("tablespace", Boolean.TRUE.equals(r[shared]) ? "pg_global" : null).set("hasindexes", r[hasIndex])
                        .set("hasrules", false).set("hastriggers", false).set("rowsecurity", false);
                case "v" -> rows("pg_views").add().set("schemaname", schema).set("viewname", r[name]).set("viewowner", owner)
                        .set("definition", st.viewDefinition(schema, (String) r[name]));
                default -> { }
            }
        }
    }

    /** An array type over {@code element}: of its element's collation, as PostgreSQL makes it. */
    void arrayType(int oid, String name, int namespace, int element, String align, int collation) {
        rows("pg_type").add().set("oid", oid).set("typname", name).set("typnamespace", namespace)
                .set("typowner", Cluster.BOOTSTRAP_SUPERUSER).set("typlen", -1).set("typbyval", false).set("typtype", "b")
                .set("typcategory", "A").set("typisdefined", true).set("typdelim", ",").set("typsubscript", 6179)
                .set("typelem", element).set("typinput", 750).set("typoutput", 751).set("typreceive", 2400)
                .set("typsend", 2401).set("typanalyze", 3816).set("typalign", align).set("typstorage", "x").set("typtypmod", -1)
                .set("typcollation", collation);
    }

    void description(int oid, int classOid, int subId, String text) {
        if (text == null) return;
        rows("pg_description").add().set("objoid", oid).set("classoid", classOid).set("objsubid", subId).set("description", text);
    }

    void depend(int classId, int objId, int objSub, int refClassId, int refObjId, int refObjSub, String type) {
        rows("pg_depend").add().set("classid", classId).set("objid", objId).set("objsubid", objSub).set("refclassid", refClassId)
                .set("refobjid", refObjId).set("refobjsubid", refObjSub).set("deptype", type);
    }

    static String quoteIdent(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !Keywords.isReserved(name)) return name;
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    Relation relation(String name) {
        return defs.relation(CatalogDefinitions.PG_CATALOG, name);
    }

    int relationOid(String schema, String name) {
        return relationOids.getOrDefault(schema + "." + name, 0);
    }

    int functionOid(String schema, String name) {
        return oids.of(Oids.function(schema, name));
    }
}
