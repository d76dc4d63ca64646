package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of PostgreSQL's built-in objects, as a fresh PostgreSQL 15 database has them (exported
 * by bin/export-pg-catalog): types, functions, operators, casts, access methods, operator classes,
 * collations, languages, text-search objects, descriptions, the catalogs' own pg_class,
 * pg_attribute, pg_index and pg_constraint rows, information_schema's domain checks and plpgsql's
 * membership of its extension (pg_depend). Loaded once; never changed.
 */
final class StaticCatalog {
    /** The catalogs exported with their built-in rows. */
    static final List<String> TABLES = List.of("pg_type", "pg_proc", "pg_operator", "pg_cast", "pg_am", "pg_opclass",
            "pg_opfamily", "pg_language", "pg_range", "pg_aggregate", "pg_tablespace", "pg_conversion", "pg_ts_config",
            "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_extension", "pg_collation", "pg_namespace", "pg_class",
            "pg_attribute", "pg_index", "pg_description", "pg_shdescription", "pg_constraint", "pg_depend", "pg_init_privs");

    private static final StaticCatalog INSTANCE = new StaticCatalog();

    private final Map<String, Rows> rows = new LinkedHashMap<>();
    /** Built-in types by OID: typname, typlen, typbyval, typalign, typstorage, typcollation, typcategory, typarray. */
    private final Map<Integer, Object[]> types = new HashMap<>();
    private final Map<String, Integer> typesByName = new HashMap<>();
    /** The default btree operator class of each type. */
    private final Map<Integer, Integer> btreeClasses = new HashMap<>();
    /** pg_get_viewdef of the built-in views, by schema.name. */
    private final Map<String, String> viewDefinitions = new HashMap<>();
    /** pg_get_expr of the built-in functions' argument defaults, by their node tree (pg_proc.proargdefaults). */
    private final Map<String, String> argumentDefaults = new HashMap<>();
    private final List<String[]> keywords;
    private final List<String[]> settings;

    private StaticCatalog() {
        CatalogDefinitions defs = CatalogDefinitions.get();
        for (String table : TABLES) {
            Relation rel = defs.relation(CatalogDefinitions.PG_CATALOG, table);
            Rows r = new Rows(rel);
            for (String[] fields : CopyText.resource("data/" + table + ".tsv")) r.addText(fields);
            rows.put(table, r);
        }
        Rows t = rows.get("pg_type");
        int oid = t.column("oid"), name = t.column("typname"), len = t.column("typlen"), byval = t.column("typbyval"),
                align = t.column("typalign"), storage = t.column("typstorage"), coll = t.column("typcollation"),
                cat = t.column("typcategory"), array = t.column("typarray"), nsp = t.column("typnamespace");
        for (Object[] row : t.rows) {
            int o = ((Long) row[oid]).intValue();
            types.put(o, new Object[] {row[name], row[len], row[byval], row[align], row[storage], row[coll], row[cat], row[array]});
            if ((Long) row[nsp] == 11L) typesByName.putIfAbsent((String) row[name], o);
        }
        Rows oc = rows.get("pg_opclass");
        int ocOid = oc.column("oid"), method = oc.column("opcmethod"), in = oc.column("opcintype"), def = oc.column("opcdefault");
        for (Object[] row : oc.rows) {
            if ((Long) row[method] == 403L && Boolean.TRUE.equals(row[def])) {
                btreeClasses.put(((Long) row[in]).intValue(), ((Long) row[ocOid]).intValue());
            }
        }
        for (String[] v : CopyText.resource("data/pg_views.tsv")) viewDefinitions.put(v[0] + "." + v[1], v[2]);
        for (String[] d : CopyText.resource("data/argdefaults.tsv")) argumentDefaults.put(d[0], d[1]);
        keywords = Collections.unmodifiableList(CopyText.resource("data/keywords.tsv"));
        settings = Collections.unmodifiableList(CopyText.resource("data/pg_settings.tsv"));
    }

    static StaticCatalog get() {
        return INSTANCE;
    }

    Map<String, Rows> rows() {
        return rows;
    }

    Rows rows(String table) {
        return rows.get(table);
    }

    /** pg_get_expr of a built-in function's proargdefaults (a node tree), or null for another value. */
    String argumentDefaults(String nodeTree) {
        return argumentDefaults.get(nodeTree);
    }

    /** A built-in type's OID by pg_type.typname (pg_catalog's), or 0. */
    int typeOid(String typname) {
        return typesByName.getOrDefault(typname, 0);
    }

    String typeName(int oid) {
        Object[] t = types.get(oid);
        return t == null ? null : (String) t[0];
    }

    short typeLength(int oid) {
        Object[] t = types.get(oid);
        return t == null ? -1 : (Short) t[1];
    }

    boolean typeByValue(int oid) {
        Object[] t = types.get(oid);
        return t != null && (Boolean) t[2];
    }

    String typeAlign(int oid) {
        Object[] t = types.get(oid);
        return t == null ? "i" : (String) t[3];
    }

    String typeStorage(int oid) {
        Object[] t = types.get(oid);
        return t == null ? "x" : (String) t[4];
    }

    int typeCollation(int oid) {
        Object[] t = types.get(oid);
        return t == null ? 0 : ((Long) t[5]).intValue();
    }

    String typeCategory(int oid) {
        Object[] t = types.get(oid);
        return t == null ? "U" : (String) t[6];
    }

    int arrayType(int oid) {
        Object[] t = types.get(oid);
        return t == null ? 0 : ((Long) t[7]).intValue();
    }

    boolean isBuiltinType(int oid) {
        return types.containsKey(oid);
    }

    /** The default btree operator class for a type (varchar and other text types use text's), or 0. */
    int btreeClass(int typeOid) {
        Integer c = btreeClasses.get(typeOid);
        if (c != null) return c;
        if (typeOid == 1043 || typeOid == 19) return btreeClasses.getOrDefault(25, 0);
        return 0;
    }

    String viewDefinition(String schema, String name) {
        return viewDefinitions.get(schema + "." + name);
    }

    /** pg_get_keywords(): word, catcode, barelabel, catdesc, baredesc. */
    List<String[]> keywords() {
        return keywords;
    }

    /** pg_settings as PostgreSQL 15 describes each setting. */
    List<String[]> settings() {
        return settings;
    }
}
