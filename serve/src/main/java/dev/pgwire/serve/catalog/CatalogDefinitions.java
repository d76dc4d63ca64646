package dev.pgwire.serve.catalog;

import dev.pgwire.serve.sql.PgTypeName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relations of PostgreSQL 15's pg_catalog and information_schema as PostgreSQL defines them —
 * names, OIDs, columns with their types — exported from PostgreSQL itself (bin/export-pg-catalog).
 * serve holds each as a DuckDB table of the same columns; {@link #duckDbType} says how a
 * PostgreSQL column type is stored.
 */
public final class CatalogDefinitions {
    public static final String PG_CATALOG = "pg_catalog";
    public static final String INFORMATION_SCHEMA = "information_schema";

    /** A column: its PostgreSQL type (domains of information_schema read as their base type). */
    public record Column(String name, int number, int typeOid, int typmod, boolean notNull, PgTypeName pgType, String duckDbType) {
    }

    /** A table or view of pg_catalog or information_schema. */
    public record Relation(String schema, String name, char kind, int oid, int rowType, List<Column> columns) {
        public Column column(String column) {
            for (Column c : columns) if (c.name.equals(column)) return c;
            return null;
        }

        public int index(String column) {
            for (int i = 0; i < columns.size(); i++) if (columns.get(i).name.equals(column)) return i;
            throw new IllegalArgumentException(name + " has no column " + column);
        }
    }

    /** information_schema's domains by the type they are over (PostgreSQL sends the base type's OID). */
    private static final Map<String, Integer> DOMAIN_BASES = Map.of(
            "information_schema.cardinal_number", 23, "information_schema.character_data", 1043,
            "information_schema.sql_identifier", 19, "information_schema.time_stamp", 1184,
            "information_schema.yes_or_no", 1043);

    private static final CatalogDefinitions INSTANCE = load();

    private final Map<String, Relation> relations;
    private final Map<Integer, String> typeNames;
    private final Map<Integer, Integer> elementTypes;

    private CatalogDefinitions(Map<String, Relation> relations, Map<Integer, String> typeNames, Map<Integer, Integer> elementTypes) {
        this.relations = relations;
        this.typeNames = typeNames;
        this.elementTypes = elementTypes;
    }

    public static CatalogDefinitions get() {
        return INSTANCE;
    }

    /** The relation {@code schema.name}, or null when PostgreSQL has none. */
    public Relation relation(String schema, String name) {
        return relations.get(schema + "." + name);
    }

    public java.util.Collection<Relation> relations() {
        return relations.values();
    }

    /** pg_type.typname of a built-in type, or null. */
    public String typeName(int oid) {
        return typeNames.get(oid);
    }

    private static CatalogDefinitions load() {
        Map<Integer, String> typeNames = new HashMap<>();
        Map<Integer, Integer> elementTypes = new HashMap<>();
        for (String[] t : CopyText.resource("data/pg_type.tsv")) {
            int oid = Integer.parseInt(t[0]);
            typeNames.put(oid, t[1]);
            int elem = Integer.parseInt(t[13]);
            if (elem != 0 && t[1].startsWith("_")) elementTypes.put(oid, elem);
        }
        Map<String, List<Column>> columns = new HashMap<>();
        for (String[] c : CopyText.resource("columns.tsv")) {
            int type = Integer.parseInt(c[4]);
            Integer domainBase = DOMAIN_BASES.get(c[6]);
            if (domainBase != null) type = domainBase;
            int typmod = Integer.parseInt(c[5]);
            Integer elem = elementTypes.get(type);
            int base = elem != null ? elem : type;
            String baseName = typeNames.getOrDefault(base, "text");
            PgTypeName pgType = new PgTypeName(baseName, typmod, elem != null ? 1 : 0, true);
            columns.computeIfAbsent(c[0] + "." + c[1], k -> new ArrayList<>())
                    .add(new Column(c[3], Integer.parseInt(c[2]), type, typmod, "t".equals(c[7]), pgType,
                            duckDbType(base) + (elem != null ? "[]" : "")));
        }
        Map<String, Relation> relations = new LinkedHashMap<>();
        for (String[] r : CopyText.resource("relations.tsv")) {
            String key = r[0] + "." + r[1];
            relations.put(key, new Relation(r[0], r[1], r[2].charAt(0), Integer.parseInt(r[3]), Integer.parseInt(r[4]),
                    Collections.unmodifiableList(columns.getOrDefault(key, List.of()))));
        }
        return new CatalogDefinitions(relations, typeNames, elementTypes);
    }

    /** How serve stores a value of a PostgreSQL type in a catalog table. */
    static String duckDbType(int typeOid) {
        return switch (typeOid) {
            case 16 -> "BOOLEAN";
            case 21 -> "SMALLINT";
            case 23 -> "INTEGER";
            // int8, and the OID types (oid, regproc, regclass, regtype, …, xid, cid): numbers
            case 20, 26, 24, 2202, 2203, 2204, 2205, 2206, 4089, 4096, 4191, 3734, 3769, 28, 29, 5069 -> "BIGINT";
            case 700 -> "REAL";
            case 701 -> "DOUBLE";
            case 1184 -> "TIMESTAMPTZ";
            case 1114 -> "TIMESTAMP";
            case 1186 -> "INTERVAL";
            case 17 -> "BLOB";
            case 22 -> "SMALLINT[]";
            case 30 -> "BIGINT[]";
            default -> "VARCHAR";
        };
    }
}
