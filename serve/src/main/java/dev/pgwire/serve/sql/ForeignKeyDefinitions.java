package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A FOREIGN KEY / REFERENCES clause checked as PostgreSQL checks it when it is declared (CREATE
 * TABLE, ALTER TABLE … ADD) and turned into the {@link TableMeta.Constraint} serve enforces itself.
 * DuckDB is not given the key: its foreign keys have no ON DELETE/UPDATE actions, cannot be added
 * to or dropped from a table, cannot be deferred, and refuse deleting a referenced row after its
 * referencing rows in one transaction.
 */
final class ForeignKeyDefinitions {
    private ForeignKeyDefinitions() {}

    /** A table as a foreign key needs to see it: its columns' DuckDB types and its keys. */
    interface Table {
        String schema();

        String name();

        /** The column's DuckDB type, or null when there is no such column. */
        String columnType(String column);

        /** The primary key's columns, or null. */
        List<String> primaryKey();

        /** The column sets of its primary key, unique constraints and unique indexes. */
        List<List<String>> uniqueKeys();

        boolean temporary();
    }

    /** An existing table of the catalog. */
    static Table of(Relation r) {
        return new Table() {
            public String schema() {
                return r.schema();
            }

            public String name() {
                return r.name();
            }

            public String columnType(String column) {
                CatalogView.ColumnInfo c = r.column(column);
                return c == null ? null : c.duckDbType();
            }

            public List<String> primaryKey() {
                for (TableMeta.Constraint c : r.meta().constraints()) if (c.type().equals("p")) return c.columns();
                return null;
            }

            public List<List<String>> uniqueKeys() {
                List<List<String>> keys = new ArrayList<>();
                for (TableMeta.Constraint c : r.meta().constraints()) {
                    if (c.key()) keys.add(c.columns());
                }
                return keys;
            }

            public boolean temporary() {
                return r.schema().equals("pg_temp");
            }
        };
    }

    /** {@code t} with a column ALTER TABLE … ADD COLUMN is adding to it. */
    static Table withColumn(Table t, String column, String duckDbType) {
        return new Table() {
            public String schema() {
                return t.schema();
            }

            public String name() {
                return t.name();
            }

            public String columnType(String c) {
                return c.equals(column) ? duckDbType : t.columnType(c);
            }

            public List<String> primaryKey() {
                return t.primaryKey();
            }

            public List<List<String>> uniqueKeys() {
                return t.uniqueKeys();
            }

            public boolean temporary() {
                return t.temporary();
            }
        };
    }

    /** A table being made: its columns and the keys declared so far. */
    static Table of(String schema, String name, boolean temporary, Function<String, String> columnTypes,
                    List<TableMeta.Constraint> constraints) {
        return new Table() {
            public String schema() {
                return temporary ? "pg_temp" : schema;
            }

            public String name() {
                return name;
            }

            public String columnType(String column) {
                return columnTypes.apply(column);
            }

            public List<String> primaryKey() {
                for (TableMeta.Constraint c : constraints) if (c.type().equals("p")) return c.columns();
                return null;
            }

            public List<List<String>> uniqueKeys() {
                List<List<String>> keys = new ArrayList<>();
                for (TableMeta.Constraint c : constraints) {
                    if (c.key()) keys.add(c.columns());
                }
                return keys;
            }

            public boolean temporary() {
                return temporary;
            }
        };
    }

    /**
     * The constraint {@code c} (a Constraint node of type CONSTR_FOREIGN) declares on {@code child}.
     *
     * @param columns     the referencing columns (the column itself for a column's REFERENCES)
     * @param self        the table being made, when the key may reference it; else null
     */
    static TableMeta.Constraint define(Node c, String name, List<String> columns, Table child, Table self, CatalogView catalog) {
        Node pk = c.node("pktable");
        String schema = pk.str("schemaname").isEmpty() ? null : pk.str("schemaname");
        Table parent;
        if (self != null && pk.str("relname").equals(self.name()) && (schema == null || schema.equals(self.schema()))) {
            parent = self;
        } else {
            Relation r = catalog.relation(schema, pk.str("relname"));
            if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + pk.str("relname") + "\" does not exist");
            if (r.view() || r.meta().matView() != null) {
                throw new PgException("42809", "referenced relation \"" + r.name() + "\" is not a table");
            }
            parent = of(r);
        }
        if (parent.temporary() && !child.temporary()) {
            throw new PgException("42P16", "constraints on permanent tables may reference only permanent tables");
        }
        if (!parent.temporary() && child.temporary()) {
            throw new PgException("42P16", "constraints on temporary tables may reference only temporary tables");
        }
        for (String col : columns) {
            if (child.columnType(col) == null) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" referenced in foreign key constraint does not exist");
            }
        }
        List<String> referenced = c.names("pk_attrs");
        if (referenced.isEmpty()) {
            referenced = parent.primaryKey();
            if (referenced == null) {
                throw new PgException("42830", "there is no primary key for referenced table \"" + parent.name() + "\"");
            }
        }
        for (String col : referenced) {
            if (parent.columnType(col) == null) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" referenced in foreign key constraint does not exist");
            }
        }
        if (referenced.size() != columns.size()) {
            throw new PgException("42830", "number of referencing and referenced columns for foreign key disagree");
        }
        boolean unique = false;
        for (List<String> key : parent.uniqueKeys()) {
            if (key.size() == referenced.size() && new HashSet<>(key).equals(new HashSet<>(referenced))) unique = true;
        }
        if (!unique) {
            throw new PgException("42830", "there is no unique constraint matching given keys for referenced table \"" + parent.name() + "\"");
        }
        for (int i = 0; i < columns.size(); i++) {
            String from = child.columnType(columns.get(i));
            String to = parent.columnType(referenced.get(i));
            if (!comparable(from, to)) {
                throw new PgException("42804", "foreign key constraint \"" + name + "\" cannot be implemented")
                        .withDetail("Key columns \"" + columns.get(i) + "\" and \"" + referenced.get(i)
                                + "\" are of incompatible types: " + from.toLowerCase(Locale.ROOT) + " and " + to.toLowerCase(Locale.ROOT) + ".");
            }
        }
        String match = switch (c.str("fk_matchtype")) {
            case "f" -> "f";
            case "p" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented");
            default -> "s";
        };
        String onDelete = action(c.str("fk_del_action"));
        String onUpdate = action(c.str("fk_upd_action"));
        List<String> setColumns = c.names("fk_del_set_cols");
        for (String col : setColumns) {
            if (!columns.contains(col)) {
                throw new PgException("42830", "column \"" + col + "\" referenced in ON DELETE SET action must be part of foreign key");
            }
        }
        boolean deferrable = c.bool("deferrable");
        boolean deferred = c.bool("initdeferred");
        TableMeta.ForeignKeyRule rule = new TableMeta.ForeignKeyRule(parent.schema(), onDelete, onUpdate, match,
                deferrable || deferred, deferred, setColumns, self != null || c.bool("initially_valid"));
        return new TableMeta.Constraint(name, "f", columns, parent.name(), referenced, null, false, false, rule);
    }

    /**
     * The attributes of a column's constraints that follow its REFERENCES (DEFERRABLE, INITIALLY
     * DEFERRED…), which PostgreSQL's grammar gives as separate constraints: folded into it.
     */
    static Node withAttributes(Node references, List<Node> columnConstraints) {
        int at = columnConstraints.indexOf(references);
        Node out = references.copy();
        for (int i = at + 1; i < columnConstraints.size(); i++) {
            switch (columnConstraints.get(i).str("contype")) {
                case "CONSTR_ATTR_DEFERRABLE" -> out.set("deferrable", true);
                case "CONSTR_ATTR_NOT_DEFERRABLE" -> out.set("deferrable", false);
                case "CONSTR_ATTR_DEFERRED" -> out.set("initdeferred", true);
                case "CONSTR_ATTR_IMMEDIATE" -> out.set("initdeferred", false);
                default -> {
                    return out;
                }
            }
        }
        return out;
    }

    private static String action(String a) {
        return switch (a) {
            case "r", "c", "n", "d" -> a;
            default -> "a";
        };
    }

    /** Whether values of the two DuckDB types compare as PostgreSQL's equality operator would for a key. */
    private static boolean comparable(String a, String b) {
        String fa = family(a);
        String fb = family(b);
        return fa.equals(fb);
    }

    private static String family(String duckDbType) {
        String t = duckDbType.toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren > 0) t = t.substring(0, paren);
        return switch (t) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
                 "UHUGEINT", "DECIMAL", "FLOAT", "DOUBLE" -> "number";
            case "VARCHAR" -> "text";
            case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATE" -> "time";
            default -> t;
        };
    }
}
