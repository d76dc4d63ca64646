package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.UserObjects.Column;
import dev.pgwire.serve.catalog.UserObjects.Index;
import dev.pgwire.serve.catalog.UserObjects.Table;
import dev.pgwire.serve.sql.ColumnMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.pgwire.serve.catalog.PgCatalogRows.BTREE;
import static dev.pgwire.serve.catalog.PgCatalogRows.PG_CLASS;
import static dev.pgwire.serve.catalog.PgCatalogRows.quoteIdent;

/**
 * The catalog rows of indexes, those of CREATE INDEX and those behind primary keys and unique
 * constraints, as PostgreSQL 15 has them: pg_class (relkind i, relam from the access method
 * declared), pg_attribute of the index's keys, pg_index (indkey, indclass, indcollation, indoption,
 * indexprs, indpred), pg_indexes, pg_depend, and pg_get_indexdef's answers.
 */
final class IndexRows {
    private final PgCatalogRows r;
    private final Oids oids;
    private final StaticCatalog st = StaticCatalog.get();

    IndexRows(PgCatalogRows r, Oids oids) {
        this.r = r;
        this.oids = oids;
    }

    /** An index made by CREATE INDEX. */
    void index(Index i) {
        String key = i.schema() + "." + i.table();
        Integer relation = r.relationOids.get(key);
        if (relation == null) return;
        int oid = oids.of(Oids.relation(i.schema(), i.name()));
        Map<String, Integer> numbers = r.attnums.getOrDefault(key, Map.of());
        List<Short> keys = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int e = 0;
        for (String col : i.columns()) {
            if (col == null) {
                keys.add((short) 0);
                texts.add(ColumnMeta.form(i.expressions().get(e++), false));
            } else {
                keys.add((short) (int) numbers.getOrDefault(col, 0));
                texts.add(quoteIdent(col));
            }
        }
        String def = i.definition() != null ? i.definition() : definition(i.name(), i.unique(), i.schema(), i.table(), texts, null);
        rows(oid, i.name(), r.namespaceOid(i.schema()), relation, i.schema(), i.table(), i.unique(), false, i.columns(), keys,
                i.expressions(), ColumnMeta.form(i.predicate(), false), def, i.options());
        String plainWhere = " WHERE " + ColumnMeta.form(i.predicate(), false);
        if (i.prettyDefinition() != null && i.definition() != null) {
            // the pretty form recorded with the index: its expressions and predicate as \d shows them
            r.prettyIndexDefinitions.put(oid, RelationText.index(i.prettyDefinition(), i.schema(), i.table()));
        } else if (i.predicate() != null && def.endsWith(plainWhere)) {
            r.prettyIndexDefinitions.put(oid, RelationText.index(def.substring(0, def.length() - plainWhere.length()) + " WHERE "
                    + ColumnMeta.form(i.predicate(), true), i.schema(), i.table()));
        }
        r.description(oid, PG_CLASS, 0, i.description());
        for (Short k : keys) if (k != 0) r.depend(PG_CLASS, oid, 0, PG_CLASS, relation, k, "a");
    }

    /** pg_am's OID of the access method an index was declared with, from its definition ({@code … USING gin (…)}). */
    private static int accessMethod(String definition) {
        int at = definition == null ? -1 : definition.indexOf(" USING ");
        if (at < 0) return BTREE;
        int end = definition.indexOf(' ', at + 7);
        return switch (end < 0 ? "" : definition.substring(at + 7, end)) {
            case "hash" -> 405;
            case "gist" -> 783;
            case "gin" -> 2742;
            case "spgist" -> 4000;
            case "brin" -> 3580;
            default -> BTREE;
        };
    }

    void rows(int oid, String name, int namespace, int relation, String schema, String table, boolean unique,
                           boolean primary, List<String> columns, List<Short> keys, List<String> expressions, String predicate,
                           String definition, List<String> indoption) {
        Table t = r.tableOf(schema, table);
        r.rows("pg_class").add().set("oid", oid).set("relname", name).set("relnamespace", namespace)
                .set("relowner", Cluster.BOOTSTRAP_SUPERUSER).set("relam", accessMethod(definition)).set("relfilenode", oid).set("relpages", 1)
                .set("relpersistence", r.persistence).set("relkind", "i").set("relnatts", keys.size()).set("relispopulated", true)
                .set("relreplident", "n");
        List<Long> collations = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        List<Short> options = new ArrayList<>();
        int e = 0;
        for (int n = 0; n < keys.size(); n++) {
            String col = columns.get(n);
            Column c = col == null || t == null ? null : t.columns().stream().filter(x -> x.name().equals(col)).findFirst().orElse(null);
            PgTypeName type = c == null ? new PgTypeName("text", -1, 0, true) : c.type();
            int typeOid = r.typeOid(type);
            String attname = col != null ? col : e == 0 ? "expr" : "expr" + e;
            if (col == null) e++;
            r.attribute(oid, attname, n + 1, type, false, false, "", false);
            collations.add((long) (st.isBuiltinType(typeOid) ? st.typeCollation(typeOid) : 0));
            classes.add((long) (st.isBuiltinType(typeOid) ? st.btreeClass(typeOid) : r.userTypes().isEnum(typeOid) ? 3474 : 0));
            options.add(indoption != null && n < indoption.size() ? Short.parseShort(indoption.get(n)) : (short) 0);
        }
        r.rows("pg_index").add().set("indexrelid", oid).set("indrelid", relation).set("indnatts", keys.size())
                .set("indnkeyatts", keys.size()).set("indisunique", unique).set("indisprimary", primary).set("indimmediate", true)
                .set("indisvalid", true).set("indisready", true).set("indislive", true).set("indkey", keys)
                .set("indcollation", collations).set("indclass", classes).set("indoption", options)
                .set("indexprs", expressions.isEmpty() ? null : String.join(", ", expressions.stream()
                        .map(x -> stripParens(ColumnMeta.form(x, false))).toList()))
                .set("indpred", predicate);
        RelationText text = RelationText.index(definition, schema, table); // the table as it is named now
        r.rows("pg_indexes").add().set("schemaname", schema).set("tablename", table).set("indexname", name)
                .set("indexdef", SchemaNames.write(text.qualified()));
        r.indexDefinitions.put(oid, text);
        r.indexKeys.put(oid, expressionsByKey(columns, expressions));
    }

    private static List<String> expressionsByKey(List<String> columns, List<String> expressions) {
        List<String> out = new ArrayList<>();
        int e = 0;
        for (String c : columns) {
            if (c != null) {
                out.add(quoteIdent(c));
                continue;
            }
            // an expression as the definition shows it (in parentheses unless a function call), plain and pretty
            out.add(expressions.get(e++));
        }
        return out;
    }

    private static String stripParens(String s) {
        while (s.startsWith("((") && s.endsWith("))")) s = s.substring(1, s.length() - 1);
        return s;
    }

    /** The definition PostgreSQL gives a btree index of {@code keys}. */
    static String definition(String name, boolean unique, String schema, String table, List<String> keys, String where) {
        StringBuilder sb = new StringBuilder(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ").append(quoteIdent(name))
                .append(" ON ").append(quoteIdent(schema)).append('.').append(quoteIdent(table)).append(" USING btree (")
                .append(String.join(", ", keys)).append(')');
        if (where != null) sb.append(" WHERE ").append(where);
        return sb.toString();
    }
}
