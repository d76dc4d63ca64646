package dev.pgwire.serve.catalog;

import dev.pgwire.serve.sql.TableMeta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One state of a database's catalog as Java lookups, for the functions that read it (format_type,
 * pg_get_indexdef, obj_description, regclass input and output, …) and for translating names to
 * OIDs. Immutable: a catalog change builds a new one.
 */
public final class Snapshot {
    /** A relation (table, view, index, sequence) of pg_class. */
    public record RelationInfo(int oid, String schema, String name, char kind) {
    }

    /** A type of pg_type. */
    public record TypeInfo(int oid, String schema, String name, int element, boolean array) {
    }

    /**
     * A function of pg_proc: argument types (IN arguments), all argument types, modes and names; and its
     * whole pg_proc row (what pg_get_functiondef writes).
     */
    public record ProcInfo(int oid, String schema, String name, int returnType, boolean returnsSet, List<Integer> argTypes,
                           List<Integer> allArgTypes, List<String> argModes, List<String> argNames, char kind, int defaults,
                           Object[] row) {
    }

    final Map<Integer, RelationInfo> relations = new HashMap<>();
    final Map<String, Integer> relationsByName = new HashMap<>();
    final Map<Integer, String> namespaces = new HashMap<>();
    final Map<String, Integer> namespacesByName = new HashMap<>();
    final Map<Integer, TypeInfo> types = new HashMap<>();
    final Map<String, Integer> typesByName = new HashMap<>();
    final Map<Integer, ProcInfo> procs = new HashMap<>();
    final Map<String, List<ProcInfo>> procsByName = new HashMap<>();
    final Map<Integer, String> roles = new HashMap<>();
    final Map<String, Integer> rolesByName = new HashMap<>();
    final Map<Integer, RelationText> constraintDefinitions = new HashMap<>();
    final Map<Integer, RelationText> prettyConstraintDefinitions = new HashMap<>();
    final Map<Integer, RelationText> indexDefinitions = new HashMap<>();
    final Map<Integer, RelationText> prettyIndexDefinitions = new HashMap<>();
    final Map<Integer, List<String>> indexKeys = new HashMap<>();
    /** pg_get_function_arguments' DEFAULT texts of user functions' last arguments, by function OID. */
    final Map<Integer, List<String>> functionDefaults = new HashMap<>();
    final Map<Integer, String> viewDefinitions = new HashMap<>();
    final Map<String, String> descriptions = new HashMap<>();
    final Map<String, String> sharedDescriptions = new HashMap<>();
    /** pg_get_serial_sequence's answers: "schema.table" NUL column → the owned sequence as PostgreSQL prints it. */
    final Map<String, String> serialSequences = new HashMap<>();
    /** pg_describe_object's names of objects. */
    ObjectDescriptions objectDescriptions;
    final String database;
    final long databaseSize;
    /** The rows the catalog tables hold, by schema.name of those tables (a temporary objects' snapshot: none). */
    Map<String, List<Object[]>> tables = Map.of();

    Snapshot(String database, long databaseSize) {
        this.database = database;
        this.databaseSize = databaseSize;
    }

    /** Builds the lookups from all rows (built-in and the database's) of the catalogs. */
    static Snapshot of(String database, long databaseSize, Map<String, List<Object[]>> all, PgCatalogRows built,
                       UserObjects user) {
        Snapshot s = new Snapshot(database, databaseSize);
        CatalogDefinitions defs = CatalogDefinitions.get();
        s.namespacesAndRelations(all);
        s.serialSequences(user);
        // the built-in rows' lookups are the same in every build: copied, and the database's own rows added
        Snapshot base = BuiltinLookups.BASE;
        s.types.putAll(base.types);
        s.typesByName.putAll(base.typesByName);
        s.procs.putAll(base.procs);
        s.procsByName.putAll(base.procsByName);
        s.typesAndProcs(ownRows(all, "pg_type"), ownRows(all, "pg_proc"));
        var authid = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_authid");
        int rolname = authid.index("rolname");
        for (Object[] r : all.get("pg_authid")) {
            int oid = ((Long) r[0]).intValue();
            s.roles.put(oid, (String) r[rolname]);
            s.rolesByName.put((String) r[rolname], oid);
        }
        s.descriptions.putAll(base.descriptions);
        s.descriptions(ownRows(all, "pg_description"));
        var shdesc = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_shdescription");
        for (Object[] r : all.get("pg_shdescription")) {
            s.sharedDescriptions.put(((Long) r[shdesc.index("objoid")]) + "/" + r[shdesc.index("classoid")],
                    (String) r[shdesc.index("description")]);
        }
        s.indexDefinitions.putAll(built.indexDefinitions);
        s.prettyIndexDefinitions.putAll(built.prettyIndexDefinitions);
        s.indexKeys.putAll(built.indexKeys);
        s.functionDefaults.putAll(built.functionDefaults);
        s.indexDefinitions.putAll(base.indexDefinitions);
        s.indexKeys.putAll(base.indexKeys);
        s.constraintDefinitions.putAll(base.constraintDefinitions);
        s.prettyConstraintDefinitions.putAll(base.prettyConstraintDefinitions);
        s.objectDescriptions = new ObjectDescriptions(all);
        s.userDefinitions(user, built, all);
        for (dev.pgwire.serve.sql.DomainMeta d : user.domains) {
            for (int i = 0; i < d.checkNames().size(); i++) {
                Integer oid = built.domainConstraintOid(d.schema(), d.name(), d.checkNames().get(i));
                if (oid == null) continue;
                String def = d.checkDefs().get(i);
                s.constraintDefinitions.put(oid, RelationText.plain("CHECK (" + dev.pgwire.serve.sql.ColumnMeta.form(def, false) + ")"));
                s.prettyConstraintDefinitions.put(oid, RelationText.plain("CHECK (" + dev.pgwire.serve.sql.ColumnMeta.form(def, true) + ")"));
            }
        }
        for (RelationInfo r : s.relations.values()) {
            if (r.kind() == 'v' && !s.viewDefinitions.containsKey(r.oid())) {
                String def = StaticCatalog.get().viewDefinition(r.schema(), r.name());
                if (def != null) s.viewDefinitions.put(r.oid(), def);
            }
        }
        return s;
    }

    /**
     * The lookups of a session's temporary objects alone ({@link TempCatalog}): their relations,
     * schemas, index and constraint definitions, view definitions, descriptions and owned sequences.
     */
    static Snapshot ofTemporary(String database, Map<String, Rows> rows, PgCatalogRows built, UserObjects user) {
        Snapshot s = new Snapshot(database, 0);
        Map<String, List<Object[]>> all = new HashMap<>();
        for (Map.Entry<String, Rows> e : rows.entrySet()) all.put(e.getKey(), e.getValue().rows);
        for (String table : List.of("pg_namespace", "pg_class", "pg_constraint", "pg_description")) all.putIfAbsent(table, List.of());
        s.namespacesAndRelations(all);
        s.serialSequences(user);
        var desc = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_description");
        for (Object[] r : all.get("pg_description")) {
            s.descriptions.put(descriptionKey(((Long) r[desc.index("objoid")]).intValue(), ((Long) r[desc.index("classoid")]).intValue(),
                    (Integer) r[desc.index("objsubid")]), (String) r[desc.index("description")]);
        }
        s.indexDefinitions.putAll(built.indexDefinitions);
        s.prettyIndexDefinitions.putAll(built.prettyIndexDefinitions);
        s.indexKeys.putAll(built.indexKeys);
        s.userDefinitions(user, built, all);
        return s;
    }

    /** Whether these lookups hold object {@code oid} (a relation, schema or constraint). */
    boolean holds(int oid) {
        return relations.containsKey(oid) || namespaces.containsKey(oid) || constraintDefinitions.containsKey(oid);
    }

    private void serialSequences(UserObjects user) {
        for (UserObjects.Table t : user.tables) {
            for (UserObjects.Column c : t.columns()) {
                if (c.sequence() == null) continue;
                String[] seq = dev.pgwire.serve.sql.SqlNames.sequence(t.schema(), c.sequence());
                serialSequences.put(t.schema() + "." + t.name() + "\0" + c.name(), TypeNames.quoteIdent(seq[0]) + "." + TypeNames.quoteIdent(seq[1]));
            }
        }
    }

    /** View definitions and the definitions of the constraints of what users made. */
    /** The lookups of the built-in rows alone, made once: every build starts from them. */
    private static final class BuiltinLookups {
        static final Snapshot BASE = builtin();

        private static Snapshot builtin() {
            StaticCatalog stat = StaticCatalog.get();
            Map<String, List<Object[]>> all = new HashMap<>();
            for (String table : StaticCatalog.TABLES) all.put(table, stat.rows(table).rows);
            Snapshot s = new Snapshot(null, 0);
            s.namespacesAndRelations(all);
            s.typesAndProcs(all.get("pg_type"), all.get("pg_proc"));
            s.descriptions(all.get("pg_description"));
            s.builtinIndexes(all);
            s.builtinConstraints();
            // a list of procedures of one name is copied before a build adds to it
            s.procsByName.replaceAll((name, list) -> List.copyOf(list));
            return s;
        }
    }

    /** A catalog relation's rows after its built-in ones (which every build starts with): the database's own. */
    private static List<Object[]> ownRows(Map<String, List<Object[]>> all, String table) {
        List<Object[]> rows = all.get(table);
        return rows.subList(StaticCatalog.get().rows(table).rows.size(), rows.size());
    }

    /** Rows of pg_type and of pg_proc, by OID and by name. */
    private void typesAndProcs(List<Object[]> typeRows, List<Object[]> procRows) {
        CatalogDefinitions defs = CatalogDefinitions.get();
        var typ = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_type");
        int typname = typ.index("typname"), typnsp = typ.index("typnamespace"), typelem = typ.index("typelem"),
                typcat = typ.index("typcategory"), typstorage = typ.index("typstorage");
        for (Object[] r : typeRows) {
            int oid = ((Long) r[0]).intValue();
            String schema = namespaces.get(((Long) r[typnsp]).intValue());
            int elem = ((Long) r[typelem]).intValue();
            // format_type's IsTrueArrayType: int2vector and oidvector (plain storage) are named as themselves
            boolean array = elem != 0 && "A".equals(r[typcat]) && !"p".equals(r[typstorage]);
            TypeInfo info = new TypeInfo(oid, schema, (String) r[typname], elem, array);
            types.put(oid, info);
            typesByName.putIfAbsent(schema + "." + info.name(), oid);
        }
        var proc = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_proc");
        int proname = proc.index("proname"), pronsp = proc.index("pronamespace"), prorettype = proc.index("prorettype"),
                proretset = proc.index("proretset"), proargtypes = proc.index("proargtypes"),
                proallargtypes = proc.index("proallargtypes"), proargmodes = proc.index("proargmodes"),
                proargnames = proc.index("proargnames"), prokind = proc.index("prokind"), pronargdefaults = proc.index("pronargdefaults");
        for (Object[] r : procRows) {
            int oid = ((Long) r[0]).intValue();
            ProcInfo info = new ProcInfo(oid, namespaces.get(((Long) r[pronsp]).intValue()), (String) r[proname],
                    ((Long) r[prorettype]).intValue(), (Boolean) r[proretset], ints(r[proargtypes]), ints(r[proallargtypes]),
                    strings(r[proargmodes]), strings(r[proargnames]), ((String) r[prokind]).charAt(0), (Short) r[pronargdefaults], r);
            procs.put(oid, info);
            // (a list from BuiltinLookups is not changed: one of this name gets a list of its own)
            procsByName.compute(info.name(), (name, list) -> {
                List<ProcInfo> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
                out.add(info);
                return out;
            });
        }
    }

    /** Rows of pg_description, by object. */
    private void descriptions(List<Object[]> rows) {
        var desc = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_description");
        int objoid = desc.index("objoid"), classoid = desc.index("classoid"), objsubid = desc.index("objsubid"),
                description = desc.index("description");
        for (Object[] r : rows) {
            descriptions.put(descriptionKey(((Long) r[objoid]).intValue(), ((Long) r[classoid]).intValue(), (Integer) r[objsubid]),
                    (String) r[description]);
        }
    }

    /** The schemas and relations by OID and by name, from the pg_namespace and pg_class rows. */
    private void namespacesAndRelations(Map<String, List<Object[]>> all) {
        for (Object[] r : all.get("pg_namespace")) {
            int oid = ((Long) r[0]).intValue();
            namespaces.put(oid, (String) r[1]);
            namespacesByName.put((String) r[1], oid);
        }
        var cls = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_class");
        int relname = cls.index("relname"), relnsp = cls.index("relnamespace"), relkind = cls.index("relkind");
        for (Object[] r : all.get("pg_class")) {
            int oid = ((Long) r[0]).intValue();
            String schema = namespaces.get(((Long) r[relnsp]).intValue());
            RelationInfo info = new RelationInfo(oid, schema, (String) r[relname], ((String) r[relkind]).charAt(0));
            relations.put(oid, info);
            relationsByName.put(schema + "." + info.name(), oid);
        }
    }

    private void userDefinitions(UserObjects user, PgCatalogRows built, Map<String, List<Object[]>> all) {
        for (UserObjects.Table t : user.tables) {
            int relation = built.relationOid(t.schema(), t.name());
            if (t.view() || t.matView()) viewDefinitions.put(relation, t.shown() != null ? t.shown() : t.definition());
            for (TableMeta.Constraint c : t.meta().constraints()) {
                if (c.index()) continue;
                Integer oid = constraintOid(t.schema(), t.name(), c.name(), all);
                if (oid != null) {
                    constraintDefinitions.put(oid, constraintDefinition(c, t.schema(), false));
                    prettyConstraintDefinitions.put(oid, constraintDefinition(c, t.schema(), true));
                }
            }
        }
    }

    private Integer constraintOid(String schema, String table, String name, Map<String, List<Object[]>> all) {
        Integer rel = relationsByName.get(schema + "." + table);
        if (rel == null) return null;
        var con = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_constraint");
        int conname = con.index("conname"), conrelid = con.index("conrelid");
        for (Object[] r : all.get("pg_constraint")) {
            if (name.equals(r[conname]) && ((Long) r[conrelid]).intValue() == rel) return ((Long) r[0]).intValue();
        }
        return null;
    }

    /** pg_get_indexdef of the catalogs' own indexes. */
    private void builtinIndexes(Map<String, List<Object[]>> all) {
        var idx = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_index");
        var att = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_attribute");
        Map<String, String> attnames = new HashMap<>();
        int attrelid = att.index("attrelid"), attnum = att.index("attnum"), attname = att.index("attname");
        for (Object[] a : StaticCatalog.get().rows("pg_attribute").rows) {
            attnames.put(a[attrelid] + "/" + a[attnum], (String) a[attname]);
        }
        for (Object[] r : StaticCatalog.get().rows("pg_index").rows) {
            int index = ((Long) r[idx.index("indexrelid")]).intValue();
            int table = ((Long) r[idx.index("indrelid")]).intValue();
            RelationInfo ti = relations.get(table);
            RelationInfo ii = relations.get(index);
            if (ti == null || ii == null) continue;
            List<String> keys = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<Object> indkey = (List<Object>) r[idx.index("indkey")];
            for (Object k : indkey) keys.add(PgCatalogRows.quoteIdent(attnames.getOrDefault(table + "/" + ((Number) k).longValue(), "?")));
            indexDefinitions.put(index, RelationText.index(IndexRows.definition(ii.name(),
                    Boolean.TRUE.equals(r[idx.index("indisunique")]), ti.schema(), ti.name(), keys, null), ti.schema(), ti.name()));
            indexKeys.put(index, keys);
        }
    }

    /** pg_get_constraintdef of the built-in constraints: the catalogs' keys and information_schema's domain checks. */
    private void builtinConstraints() {
        var con = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_constraint");
        var att = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_attribute");
        Map<String, String> attnames = new HashMap<>();
        int attrelid = att.index("attrelid"), attnum = att.index("attnum"), attname = att.index("attname");
        for (Object[] a : StaticCatalog.get().rows("pg_attribute").rows) {
            attnames.put(a[attrelid] + "/" + a[attnum], (String) a[attname]);
        }
        int oid = con.index("oid"), contype = con.index("contype"), conrelid = con.index("conrelid"),
                conkey = con.index("conkey"), conbin = con.index("conbin");
        for (Object[] r : StaticCatalog.get().rows("pg_constraint").rows) {
            int c = ((Long) r[oid]).intValue();
            String type = (String) r[contype];
            if (type.equals("c")) {
                String[] forms = ((String) r[conbin]).split("\u001f", 2);
                constraintDefinitions.put(c, RelationText.plain("CHECK (" + forms[0] + ")"));
                prettyConstraintDefinitions.put(c, RelationText.plain("CHECK (" + forms[forms.length - 1] + ")"));
                continue;
            }
            List<String> cols = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) r[conkey];
            for (Object k : keys) cols.add(PgCatalogRows.quoteIdent(attnames.getOrDefault(r[conrelid] + "/" + ((Number) k).longValue(), "?")));
            RelationText def = RelationText.plain((type.equals("p") ? "PRIMARY KEY (" : "UNIQUE (") + String.join(", ", cols) + ")");
            constraintDefinitions.put(c, def);
            prettyConstraintDefinitions.put(c, def);
        }
    }

    /** pg_get_constraintdef of a constraint serve recorded, {@code schema} being its table's. */
    static RelationText constraintDefinition(TableMeta.Constraint c, String schema, boolean pretty) {
        List<String> cols = new ArrayList<>();
        for (String col : c.columns()) cols.add(PgCatalogRows.quoteIdent(col));
        return switch (c.type()) {
            case "p" -> RelationText.plain("PRIMARY KEY (" + String.join(", ", cols) + ")");
            case "u" -> RelationText.plain("UNIQUE (" + String.join(", ", cols) + ")");
            case "f" -> {
                List<String> ref = new ArrayList<>();
                for (String col : c.referencedColumns()) ref.add(PgCatalogRows.quoteIdent(col));
                String before = "FOREIGN KEY (" + String.join(", ", cols) + ") REFERENCES ";
                TableMeta.ForeignKeyRule rule = c.rule();
                StringBuilder def = new StringBuilder(ref.isEmpty() ? "" : "(" + String.join(", ", ref) + ")");
                if (rule != null) {
                    if (rule.match().equals("f")) def.append(" MATCH FULL");
                    if (!rule.onUpdate().equals("a")) def.append(" ON UPDATE ").append(actionText(rule.onUpdate()));
                    if (!rule.onDelete().equals("a")) {
                        def.append(" ON DELETE ").append(actionText(rule.onDelete()));
                        if (!rule.setColumns().isEmpty()) {
                            List<String> set = new ArrayList<>();
                            for (String col : rule.setColumns()) set.add(PgCatalogRows.quoteIdent(col));
                            def.append(" (").append(String.join(", ", set)).append(')');
                        }
                    }
                    if (rule.deferrable()) def.append(" DEFERRABLE");
                    if (rule.deferred()) def.append(" INITIALLY DEFERRED");
                    if (!rule.validated()) def.append(" NOT VALID");
                }
                yield new RelationText(before, rule != null ? rule.schema() : schema, c.references(), def.toString());
            }
            default -> RelationText.plain("CHECK (" + (c.expression() == null ? "true"
                    : dev.pgwire.serve.sql.ColumnMeta.form(c.expression(), pretty)) + ")" + (c.notValid() ? " NOT VALID" : ""));
        };
    }

    /** A referential action (confdeltype) as SQL spells it. */
    static String actionText(String action) {
        return switch (action) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    static String descriptionKey(int objoid, int classoid, int subid) {
        return objoid + "/" + classoid + "/" + subid;
    }

    private static List<Integer> ints(Object list) {
        List<Integer> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(o == null ? 0 : ((Number) o).intValue());
        return out;
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add((String) o);
        return out;
    }

    // ---------------------------------------------------------------- lookups

    public RelationInfo relation(int oid) {
        return relations.get(oid);
    }

    /** A relation's OID by schema and name, or 0. */
    public int relationOid(String schema, String name) {
        return relationsByName.getOrDefault(schema + "." + name, 0);
    }

    public TypeInfo type(int oid) {
        return types.get(oid);
    }

    public int typeOid(String schema, String name) {
        return typesByName.getOrDefault(schema + "." + name, 0);
    }

    /** The schemas with a type of this name but pg_catalog and information_schema, in no order. */
    public List<String> typeSchemas(String name) {
        List<String> out = new ArrayList<>();
        for (TypeInfo t : types.values()) {
            if (t.name().equals(name) && !t.schema().equals("pg_catalog") && !t.schema().equals("information_schema")) out.add(t.schema());
        }
        return out;
    }

    /** The OID of type {@code name}'s array type (0 when it has none). */
    public int arrayTypeOid(String schema, String name) {
        return typeOid(schema, PgCatalogRows.arrayName(name));
    }

    public String namespace(int oid) {
        return namespaces.get(oid);
    }

    public int namespaceOid(String name) {
        return namespacesByName.getOrDefault(name, 0);
    }

    public String role(int oid) {
        return roles.get(oid);
    }

    public int roleOid(String name) {
        return rolesByName.getOrDefault(name, 0);
    }

    public ProcInfo proc(int oid) {
        return procs.get(oid);
    }

    public List<ProcInfo> procs(String name) {
        return procsByName.getOrDefault(name, List.of());
    }

    public String database() {
        return database;
    }
}
