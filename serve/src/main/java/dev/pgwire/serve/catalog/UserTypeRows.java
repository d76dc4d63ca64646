package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.UserObjects.EnumType;
import dev.pgwire.serve.sql.DomainMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog rows of user types and functions (part of {@link PgCatalogRows}): enums (pg_type,
 * pg_enum), domains (pg_type over the base type, pg_constraint for each check), composite types
 * (pg_type and a pg_class row of relkind c with its attributes), each with its array type, and SQL
 * and PL/pgSQL functions (pg_proc); and the OID of any column's type.
 */
final class UserTypeRows {
    private final PgCatalogRows r;
    private final UserObjects user;
    private final Oids oids;
    private final StaticCatalog st = StaticCatalog.get();
    private final CatalogDefinitions defs = CatalogDefinitions.get();

    UserTypeRows(PgCatalogRows rows, UserObjects user, Oids oids) {
        this.r = rows;
        this.user = user;
        this.oids = oids;
    }

    boolean isEnum(int typeOid) {
        return enumOids.containsValue(typeOid);
    }

    boolean isDomain(int typeOid) {
        return domainOids.containsValue(typeOid);
    }

    boolean isComposite(int typeOid) {
        return compositeOids.values().stream().anyMatch(o -> o[0] == typeOid || o[1] == typeOid);
    }

    private final Map<String, Integer> enumOids = new HashMap<>();
    /** A composite type's OID and its array type's, by name and by schema.name. */
    private final Map<String, int[]> compositeOids = new HashMap<>();
    void enums() {
        Rows type = r.rows("pg_type");
        Rows labels = r.rows("pg_enum");
        for (EnumType e : user.enums) {
            int oid = oids.of(Oids.type(e.schema(), e.name()));
            int array = oids.of(Oids.type(e.schema(), PgCatalogRows.arrayName(e.name())));
            enumOids.put(e.name(), oid);
            enumOids.put(e.schema() + "." + e.name(), oid);
            type.add().set("oid", oid).set("typname", e.name()).set("typnamespace", r.namespaceOid(e.schema()))
                    .set("typowner", Cluster.BOOTSTRAP_SUPERUSER).set("typlen", 4).set("typbyval", true).set("typtype", "e")
                    .set("typcategory", "E").set("typisdefined", true).set("typdelim", ",").set("typarray", array)
                    .set("typinput", 3506).set("typoutput", 3507).set("typreceive", 3532).set("typsend", 3533)
                    .set("typalign", "i").set("typstorage", "p").set("typtypmod", -1);
            r.arrayType(array, PgCatalogRows.arrayName(e.name()), r.namespaceOid(e.schema()), oid, "i", 0);
            float order = 1;
            for (String l : e.labels()) {
                labels.add().set("oid", oids.of(Oids.enumLabel(e.schema(), e.name(), l))).set("enumtypid", oid)
                        .set("enumsortorder", order++).set("enumlabel", l);
            }
            r.description(oid, PgCatalogRows.PG_TYPE, 0, e.description());
            r.depend(PgCatalogRows.PG_TYPE, oid, 0, PgCatalogRows.PG_NAMESPACE, r.namespaceOid(e.schema()), 0, "n");
            r.depend(PgCatalogRows.PG_TYPE, array, 0, PgCatalogRows.PG_TYPE, oid, 0, "i");
        }
    }

    static final int PG_PROC = 1255;
    private static final int SQL_LANGUAGE = 14;
    private static final int PLPGSQL_LANGUAGE = 13563;
    private static final int RECORD = 2249;

    /** Whether the function RETURNS TABLE (its result columns are arguments of mode t), not SETOF one type. */
    static boolean returnsTable(UserObjects.SqlFunction f) {
        dev.pgwire.serve.sql.FunctionMeta m = f.meta();
        return m.setof() && !m.columns().isEmpty() && !(m.columns().size() == 1 && m.columns().get(0).name().equals(f.name()));
    }

    /** SQL functions: pg_proc rows as CREATE FUNCTION … LANGUAGE sql makes them. */
    void functions() {
        Rows proc = r.rows("pg_proc");
        for (UserObjects.SqlFunction f : user.functions) {
            dev.pgwire.serve.sql.FunctionMeta m = f.meta();
            int oid = oids.of(Oids.function(f.schema(), f.name()));
            List<Long> in = new ArrayList<>();
            List<Long> all = new ArrayList<>();
            List<String> modes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> defaults = new ArrayList<>();
            for (dev.pgwire.serve.sql.FunctionMeta.Param p : m.args()) {
                if (p.defaultText() != null) defaults.add(SchemaNames.write(p.defaultText()));
                in.add((long) typeOid(p.type()));
                all.add((long) typeOid(p.type()));
                modes.add("i");
                names.add(p.name());
            }
            boolean table = returnsTable(f);
            if (table) {
                for (dev.pgwire.serve.sql.FunctionMeta.Param p : m.columns()) {
                    all.add((long) typeOid(p.type()));
                    modes.add("t");
                    names.add(p.name());
                }
            }
            boolean named = names.stream().anyMatch(n -> n != null && !n.isEmpty());
            String volatility = switch (m.volatility()) {
                case "immutable" -> "i";
                case "stable" -> "s";
                default -> "v";
            };
            proc.add().set("oid", oid).set("proname", f.name()).set("pronamespace", r.namespaceOid(f.schema()))
                    .set("proowner", Cluster.BOOTSTRAP_SUPERUSER).set("prolang", "plpgsql".equals(m.language()) ? PLPGSQL_LANGUAGE : SQL_LANGUAGE).set("procost", 100f)
                    .set("prorows", m.setof() ? 1000f : 0f).set("provariadic", 0).set("prosupport", 0).set("prokind", "f")
                    .set("prosecdef", false).set("proleakproof", false).set("proisstrict", m.strict()).set("proretset", m.setof())
                    .set("provolatile", volatility).set("proparallel", "u").set("pronargs", in.size()).set("pronargdefaults", defaults.size())
                    .set("proargdefaults", defaults.isEmpty() ? null : String.join(", ", defaults))
                    .set("prorettype", table ? RECORD : typeOid(m.returns())).set("proargtypes", in)
                    .set("proallargtypes", table ? all : null).set("proargmodes", table ? modes : null)
                    .set("proargnames", named ? names : null).set("prosrc", m.body()).set("prosqlbody", m.sqlBody());
            if (!defaults.isEmpty()) r.functionDefaults.put(oid, defaults);
            r.depend(PG_PROC, oid, 0, PgCatalogRows.PG_NAMESPACE, r.namespaceOid(f.schema()), 0, "n");
            r.description(oid, PG_PROC, 0, m.description());
        }
    }

    /** The OIDs of the domains, by name and by schema.name. */
    private final Map<String, Integer> domainOids = new HashMap<>();

    /**
     * A domain: its pg_type row (typtype d, over its base type, with the base type's storage), its
     * array type, and a pg_constraint row for each check (contypid the domain).
     */
    void domains() {
        Rows type = r.rows("pg_type");
        for (DomainMeta d : user.domains) {
            int oid = oids.of(Oids.type(d.schema(), d.name()));
            int array = oids.of(Oids.type(d.schema(), PgCatalogRows.arrayName(d.name())));
            domainOids.putIfAbsent(d.name(), oid);
            domainOids.put(d.schema() + "." + d.name(), oid);
            int namespace = r.namespaceOid(d.schema());
            PgTypeName b = d.base();
            int base = typeOid(b);
            boolean builtin = st.isBuiltinType(base);
            boolean isEnum = enumOids.containsValue(base);
            String align = builtin ? st.typeAlign(base) : "i";
            int collation = builtin ? st.typeCollation(b.isArray() ? r.elementOf(base) : base) : 0;
            Rows.Row row = type.add().set("oid", oid).set("typname", d.name()).set("typnamespace", namespace)
                    .set("typowner", Cluster.BOOTSTRAP_SUPERUSER).set("typlen", builtin ? st.typeLength(base) : isEnum ? 4 : -1)
                    .set("typbyval", builtin ? st.typeByValue(base) : isEnum).set("typtype", "d")
                    .set("typcategory", builtin ? st.typeCategory(base) : isEnum ? "E" : "A").set("typisdefined", true)
                    .set("typdelim", ",").set("typarray", array)
                    .set("typinput", 2597).set("typoutput", typeRef(base, "typoutput")).set("typreceive", 2598)
                    .set("typsend", typeRef(base, "typsend")).set("typalign", align)
                    .set("typstorage", builtin ? st.typeStorage(base) : isEnum ? "p" : "x").set("typnotnull", d.notNull())
                    .set("typbasetype", base).set("typtypmod", b.typmod()).set("typndims", b.dimensions())
                    .set("typcollation", collation);
            if (d.pgDefault() != null && !d.pgDefault().isEmpty()) {
                // typdefaultbin, as adbin: the expression's text (pg_get_expr reads it), where PostgreSQL keeps its node tree
                row.set("typdefault", SchemaNames.write(dev.pgwire.serve.sql.ColumnMeta.form(d.pgDefault(), false))).set("typdefaultbin", d.pgDefault());
            }
            r.arrayType(array, PgCatalogRows.arrayName(d.name()), namespace, oid, align.equals("d") ? "d" : "i", collation);
            for (String c : d.checkNames()) {
                int con = oids.of(Oids.domainConstraint(d.schema(), d.name(), c));
                r.rows("pg_constraint").add().set("oid", con).set("conname", c).set("connamespace", namespace).set("contype", "c")
                        .set("condeferrable", false).set("condeferred", false).set("convalidated", true).set("conrelid", 0)
                        .set("contypid", oid).set("conindid", 0).set("conparentid", 0).set("confrelid", 0)
                        .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ").set("conislocal", true)
                        .set("coninhcount", 0).set("connoinherit", false).set("conkey", null)
                        .set("conbin", d.checkDefs().get(d.checkNames().indexOf(c)));
                r.depend(PgCatalogRows.PG_CONSTRAINT, con, 0, PgCatalogRows.PG_TYPE, oid, 0, "a");
            }
            r.description(oid, PgCatalogRows.PG_TYPE, 0, d.description());
            r.depend(PgCatalogRows.PG_TYPE, oid, 0, PgCatalogRows.PG_NAMESPACE, r.namespaceOid(d.schema()), 0, "n");
            r.depend(PgCatalogRows.PG_TYPE, oid, 0, PgCatalogRows.PG_TYPE, base, 0, "n");
            r.depend(PgCatalogRows.PG_TYPE, array, 0, PgCatalogRows.PG_TYPE, oid, 0, "i");
        }
    }

    /** The OID of a domain's check constraint, or null. */
    Integer domainConstraintOid(String schema, String domain, String name) {
        int oid = oids.orZero(Oids.domainConstraint(schema, domain, name));
        return oid == 0 ? null : oid;
    }

    /** A regproc column of a built-in type's pg_type row (its output or send function), 0 when unknown. */
    private long typeRef(int typeOid, String column) {
        int at = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_type").index(column);
        for (Object[] row : st.rows("pg_type").rows) {
            if (((Long) row[0]).intValue() == typeOid) return ((Number) row[at]).longValue();
        }
        return enumOids.containsValue(typeOid) ? (column.equals("typoutput") ? 3507 : 3533) : 0;
    }

    /**
     * A composite type: its pg_type row (typtype c) and array type, and the pg_class row (relkind
     * c) whose pg_attribute rows are its attributes.
     */
    void composites() {
        for (dev.pgwire.serve.sql.CompositeMeta c : user.composites) {
            int oid = oids.of(Oids.type(c.schema(), c.name()));
            int array = oids.of(Oids.type(c.schema(), PgCatalogRows.arrayName(c.name())));
            int relation = oids.of(Oids.relation(c.schema(), c.name()));
            int namespace = r.namespaceOid(c.schema());
            compositeOids.putIfAbsent(c.name(), new int[] {oid, array});
            compositeOids.put(c.schema() + "." + c.name(), new int[] {oid, array});
            r.rows("pg_class").add().set("oid", relation).set("relname", c.name()).set("relnamespace", namespace).set("reltype", oid)
                    .set("relowner", Cluster.BOOTSTRAP_SUPERUSER).set("relam", 0).set("relfilenode", 0).set("relpages", 0)
                    .set("reltuples", -1f).set("relpersistence", r.persistence).set("relkind", "c").set("relnatts", c.attributes().size())
                    .set("relispopulated", true).set("relreplident", "n");
            r.rows("pg_type").add().set("oid", oid).set("typname", c.name()).set("typnamespace", namespace)
                    .set("typowner", Cluster.BOOTSTRAP_SUPERUSER).set("typlen", -1).set("typbyval", false).set("typtype", "c")
                    .set("typcategory", "C").set("typisdefined", true).set("typdelim", ",").set("typrelid", relation)
                    .set("typarray", array).set("typinput", 2290).set("typoutput", 2291).set("typreceive", 2402)
                    .set("typsend", 2403).set("typalign", "d").set("typstorage", "x").set("typtypmod", -1);
            r.arrayType(array, PgCatalogRows.arrayName(c.name()), namespace, oid, "d", 0);
            for (int i = 0; i < c.attributes().size(); i++) {
                r.attribute(relation, c.attributes().get(i), i + 1, c.types().get(i), false, false, "", false);
            }
            r.description(oid, PgCatalogRows.PG_TYPE, 0, c.description());
            r.depend(PgCatalogRows.PG_TYPE, oid, 0, PgCatalogRows.PG_NAMESPACE, namespace, 0, "n");
            r.depend(PgCatalogRows.PG_CLASS, relation, 0, PgCatalogRows.PG_TYPE, oid, 0, "i");
            r.depend(PgCatalogRows.PG_TYPE, array, 0, PgCatalogRows.PG_TYPE, oid, 0, "i");
        }
    }

    /** The OID of a column's type: a built-in's, or a user enum's, domain's or composite type's (or its array's). */
    int typeOid(PgTypeName t) {
        if (t.builtin()) {
            int oid = st.typeOid(t.typname());
            if (oid != 0) return oid;
        }
        int[] composite = compositeOids.get(t.name());
        if (composite != null) return composite[t.isArray() ? 1 : 0];
        Integer domain = domainOids.get(t.name());
        if (domain != null && !t.isArray()) return domain;
        Integer e = enumOids.get(t.name());
        if (e != null) {
            if (!t.isArray()) return e;
            for (EnumType et : user.enums) {
                if (et.name().equals(t.name())) return oids.of(Oids.type(et.schema(), PgCatalogRows.arrayName(et.name())));
            }
        }
        return st.typeOid(t.isArray() ? "_text" : "text");
    }
}
