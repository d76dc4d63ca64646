package dev.pgwire.serve.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_describe_object(classid, objid, objsubid): an object named as PostgreSQL's
 * getObjectDescription names it ({@code table orders}, {@code column id of table orders},
 * {@code function plpgsql_validator(oid)}, {@code constraint orders_pkey on table orders},
 * {@code extension plpgsql}, …), relations and functions qualified when the search_path does not
 * find them by their bare name. Null for an object that does not exist, as in PostgreSQL.
 */
final class ObjectDescriptions {
    private static final int PG_CLASS = 1259, PG_PROC = 1255, PG_TYPE = 1247, PG_CONSTRAINT = 2606, PG_NAMESPACE = 2615,
            PG_LANGUAGE = 2612, PG_EXTENSION = 3079, PG_ATTRDEF = 2604, PG_AM = 2601, PG_COLLATION = 3456;

    /** attrelid/attnum → attname. */
    private final Map<String, String> attributes = new HashMap<>();
    /** constraint OID → {conname, conrelid, contypid}. */
    private final Map<Integer, Object[]> constraints = new HashMap<>();
    /** attrdef OID → {adrelid, adnum}. */
    private final Map<Integer, int[]> defaults = new HashMap<>();
    /** classid/objid → name, for the objects named by their name alone (languages, extensions, access methods, collations). */
    private final Map<String, String> names = new HashMap<>();

    ObjectDescriptions(Map<String, List<Object[]>> all) {
        CatalogDefinitions defs = CatalogDefinitions.get();
        var att = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_attribute");
        int attrelid = att.index("attrelid"), attnum = att.index("attnum"), attname = att.index("attname");
        for (Object[] r : all.getOrDefault("pg_attribute", List.of())) {
            attributes.put(r[attrelid] + "/" + r[attnum], (String) r[attname]);
        }
        var con = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_constraint");
        int conname = con.index("conname"), conrelid = con.index("conrelid"), contypid = con.index("contypid");
        for (Object[] r : all.getOrDefault("pg_constraint", List.of())) {
            constraints.put(((Long) r[0]).intValue(), new Object[] {r[conname], ((Long) r[conrelid]).intValue(),
                    ((Long) r[contypid]).intValue()});
        }
        var def = defs.relation(CatalogDefinitions.PG_CATALOG, "pg_attrdef");
        int adrelid = def.index("adrelid"), adnum = def.index("adnum");
        for (Object[] r : all.getOrDefault("pg_attrdef", List.of())) {
            defaults.put(((Long) r[0]).intValue(), new int[] {((Long) r[adrelid]).intValue(), ((Number) r[adnum]).intValue()});
        }
        named(all, PG_LANGUAGE, "pg_language", "lanname");
        named(all, PG_EXTENSION, "pg_extension", "extname");
        named(all, PG_AM, "pg_am", "amname");
        named(all, PG_COLLATION, "pg_collation", "collname");
    }

    private void named(Map<String, List<Object[]>> all, int classId, String table, String column) {
        int index = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, table).index(column);
        for (Object[] r : all.getOrDefault(table, List.of())) names.put(classId + "/" + r[0], (String) r[index]);
    }

    String describe(Snapshot s, int classId, int objId, int subId, List<String> path) {
        return switch (classId) {
            case PG_CLASS -> {
                String relation = relation(s, objId, path);
                if (relation == null || subId == 0) yield relation;
                String column = attributes.get(objId + "/" + subId);
                yield column == null ? null : "column " + column + " of " + relation;
            }
            case PG_PROC -> {
                Snapshot.ProcInfo p = s.proc(objId);
                if (p == null) yield null;
                StringBuilder sb = new StringBuilder("function ");
                if (!path.contains(p.schema())) sb.append(TypeNames.quoteIdent(p.schema())).append('.');
                sb.append(TypeNames.quoteIdent(p.name())).append('(');
                for (int i = 0; i < p.argTypes().size(); i++) {
                    sb.append(i > 0 ? "," : "").append(CatalogFunctions.formatType(s, p.argTypes().get(i), null));
                }
                yield sb.append(')').toString();
            }
            case PG_TYPE -> s.type(objId) == null ? null : "type " + CatalogFunctions.formatType(s, objId, null);
            case PG_NAMESPACE -> s.namespace(objId) == null ? null : "schema " + s.namespace(objId);
            case PG_CONSTRAINT -> {
                Object[] c = constraints.get(objId);
                if (c == null) yield null;
                int rel = (Integer) c[1];
                if (rel != 0) {
                    String on = relation(s, rel, path);
                    yield on == null ? null : "constraint " + c[0] + " on " + on;
                }
                yield "constraint " + c[0] + " on domain " + CatalogFunctions.formatType(s, (Integer) c[2], null);
            }
            case PG_ATTRDEF -> {
                int[] d = defaults.get(objId);
                yield d == null ? null : "default value for " + describe(s, PG_CLASS, d[0], d[1], path);
            }
            case PG_LANGUAGE -> prefixed("language ", names.get(classId + "/" + objId));
            case PG_EXTENSION -> prefixed("extension ", names.get(classId + "/" + objId));
            case PG_AM -> prefixed("access method ", names.get(classId + "/" + objId));
            case PG_COLLATION -> prefixed("collation ", names.get(classId + "/" + objId));
            default -> null;
        };
    }

    private static String prefixed(String kind, String name) {
        return name == null ? null : kind + name;
    }

    /** A relation as getRelationDescription names it: its kind and its name, qualified unless visible. */
    private static String relation(Snapshot s, int oid, List<String> path) {
        Snapshot.RelationInfo r = s.relation(oid);
        if (r == null) return null;
        String kind = switch (r.kind()) {
            case 'r' -> "table ";
            case 'i', 'I' -> "index ";
            case 'S' -> "sequence ";
            case 'v' -> "view ";
            case 'm' -> "materialized view ";
            case 'c' -> "composite type ";
            case 't' -> "TOAST table ";
            case 'f' -> "foreign table ";
            case 'p' -> "table ";
            default -> "relation ";
        };
        return kind + CatalogFunctions.regclassOut(s, oid, path);
    }
}
