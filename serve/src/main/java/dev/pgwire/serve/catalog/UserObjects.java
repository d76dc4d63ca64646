package dev.pgwire.serve.catalog;

import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.ColumnMeta;
import dev.pgwire.serve.sql.DomainMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;
import dev.pgwire.serve.sql.ObjectMeta;
import dev.pgwire.serve.sql.TableMeta;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What users made in one database, read from DuckDB's own catalog and the PostgreSQL definitions
 * serve keeps with each object (its metadata comments): schemas, tables and views with their
 * columns and constraints, indexes, sequences, enum and composite types, domains and SQL functions.
 */
final class UserObjects {
    /** DuckDB's schemas that are not the database's: the engine's own and serve's. */
    static final Set<String> HIDDEN_SCHEMAS = Set.of("main", "pgwire", "information_schema", "pg_catalog");

    record Schema(String name, String description) {
        Schema(String name) {
            this(name, null);
        }
    }

    record Column(String name, int number, PgTypeName type, boolean notNull, String defaultExpr, String identity,
                  String sequence, String description, boolean generated) {
    }

    record Table(String schema, String name, boolean view, List<Column> columns, TableMeta meta, String definition,
                 String description, long estimatedRows, String shown) {

        Table(String schema, String name, boolean view, List<Column> columns, TableMeta meta, String definition,
              String description, long estimatedRows) {
            this(schema, name, view, columns, meta, definition, description, estimatedRows, null);
        }

        /**
         * A view's query as pg_get_viewdef shows it (plain, or pretty), or as written where serve
         * could not write it as PostgreSQL does; a materialized view's query as written.
         */
        String shownDefinition(boolean pretty) {
            return shown != null ? SchemaNames.write(ColumnMeta.form(shown, pretty)) : definition;
        }

        /** Whether the table holds a materialized view (relkind m). */
        boolean matView() {
            return !view && meta.matView() != null;
        }

        /** relispopulated: false for a materialized view made or refreshed WITH NO DATA. */
        boolean populated() {
            return !matView() || meta.matView().populated();
        }
    }

    /** Whether DuckDB's index {@code index} on a table is what a UNIQUE constraint added by ALTER TABLE is kept as. */
    private static boolean backsConstraint(UserObjects u, String schema, String table, String index) {
        for (Table t : u.tables) {
            if (!t.schema().equals(schema) || !t.name().equals(table)) continue;
            TableMeta.Constraint c = t.meta().constraint(index);
            return c != null && c.backedByIndex();
        }
        return false;
    }

    /** An index made by CREATE INDEX: its key columns (null where the key is an expression). */
    record Index(String schema, String name, String table, boolean unique, List<String> columns, List<String> expressions,
                 String definition, String description, String predicate, List<String> options, String prettyDefinition) {
    }

    record Sequence(String schema, String name, String type, long start, long min, long max, long increment, boolean cycle,
                    Long lastValue, String description) {
    }

    record EnumType(String schema, String name, List<String> labels, String description) {
    }

    final List<Schema> schemas = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<Sequence> sequences = new ArrayList<>();
    /** A SQL function (a DuckDB macro serve made for CREATE FUNCTION … LANGUAGE sql). */
    record SqlFunction(String schema, String name, dev.pgwire.serve.sql.FunctionMeta meta) {
    }

    final List<EnumType> enums = new ArrayList<>();
    final List<SqlFunction> functions = new ArrayList<>();
    final List<DomainMeta> domains = new ArrayList<>();
    final List<dev.pgwire.serve.sql.CompositeMeta> composites = new ArrayList<>();

    /**
     * Reads the database {@code connection} is connected to (its committed state, or what the
     * connection's open transaction sees).
     *
     * @param pgTypeOf PostgreSQL's type for a DuckDB type, for columns serve did not define
     */
    static UserObjects read(Connection connection, Function<String, PgTypeName> pgTypeOf) throws SQLException {
        return read(connection, pgTypeOf, null);
    }

    /**
     * As {@link #read(Connection, Function)}, with the database's functions {@code functions} when
     * they are known unchanged since they were read (null: read them too; reading them is the
     * costliest part, DuckDB listing its thousands of built-in functions with them).
     */
    static UserObjects read(Connection connection, Function<String, PgTypeName> pgTypeOf, List<SqlFunction> functions)
            throws SQLException {
        return read(connection, pgTypeOf, "current_database()", s -> HIDDEN_SCHEMAS.contains(s) ? null : s, functions);
    }

    /**
     * The session's temporary tables, views, indexes and sequences ({@code connection}'s DuckDB
     * database {@code temp}), in schema {@code tempSchema} (pg_temp_N).
     */
    static UserObjects readTemporary(Connection connection, Function<String, PgTypeName> pgTypeOf, String tempSchema)
            throws SQLException {
        UserObjects u = read(connection, pgTypeOf, "'temp'", s -> s.equals("main") ? tempSchema : null, null);
        u.schemas.clear();
        return u;
    }

    /**
     * @param database the DuckDB database read, as SQL
     * @param schemas  PostgreSQL's name of a DuckDB schema of it, null for one that is not shown
     */
    private static UserObjects read(Connection connection, Function<String, PgTypeName> pgTypeOf, String database,
                                    java.util.function.UnaryOperator<String> schemas, List<SqlFunction> functions)
            throws SQLException {
        UserObjects u = new UserObjects();
        java.util.Map<Table, Long> created = new java.util.IdentityHashMap<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT schema_name FROM duckdb_schemas()"
                    + " WHERE database_name = " + database + " AND NOT internal ORDER BY 1")) {
                while (rs.next()) if (schemas.apply(rs.getString(1)) != null) u.schemas.add(new Schema(schemas.apply(rs.getString(1))));
            }
            if (database.equals("current_database()")) {
                java.util.Map<String, String> comments = new java.util.HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT name, description FROM pgwire.schema_comments")) {
                    while (rs.next()) comments.put(rs.getString(1), rs.getString(2));
                } catch (SQLException none) { // a database made before serve kept schema comments
                }
                u.schemas.replaceAll(s -> new Schema(s.name(), comments.get(s.name())));
            }
            if (u.schemas.stream().noneMatch(s -> s.name.equals("public"))) {
                // public is created with every database; it shows even when DuckDB lists it as internal
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE database_name = " + database
                        + " AND schema_name = 'public'")) {
                    if (rs.next() && rs.getLong(1) > 0) u.schemas.add(0, new Schema("public"));
                }
            }
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT schema_name, table_name, column_name, column_index, data_type, comment,"
                    + " is_nullable, column_default, is_generated FROM duckdb_columns() WHERE database_name = " + database
                    + " ORDER BY schema_name, table_name, column_index")) {
                while (rs.next()) {
                    String schema = schemas.apply(rs.getString(1));
                    if (schema == null) continue;
                    CatalogView.ColumnInfo info = CatalogView.ColumnInfo.of(rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), !rs.getBoolean(7), rs.getString(8));
                    PgTypeName type = info.pgType() != null ? info.pgType() : pgTypeOf.apply(rs.getString(5));
                    String[] domain = ColumnMeta.domain(rs.getString(6));
                    // a column of a domain is of the domain's type (pg_attribute), which the domain's row describes
                    if (domain != null) type = new PgTypeName(domain[1], -1, 0, false);
                    columns.computeIfAbsent(schema + "." + rs.getString(2), k -> new ArrayList<>())
                            .add(new Column(info.name(), info.number(), type, info.notNull(),
                                    // the DuckDB column's default may be its domain's, which is not the column's own
                                    defaultText(schema, info, domain != null ? null : rs.getString(8)),
                                    info.identity(), info.sequence(), dev.pgwire.serve.sql.ColumnMeta.description(rs.getString(6)), rs.getBoolean(9)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_name, table_name, comment, estimated_size, table_oid FROM duckdb_tables()"
                    + " WHERE database_name = " + database + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    String schema = schemas.apply(rs.getString(1));
                    if (schema == null) continue;
                    TableMeta meta = TableMeta.read(rs.getString(3));
                    // a materialized view is a table whose comment keeps its query
                    Table t = new Table(schema, rs.getString(2), false, columns.getOrDefault(schema + "." + rs.getString(2), List.of()),
                            meta, meta.matView() != null ? meta.matView().definition() : null, meta.description(), rs.getLong(4));
                    u.tables.add(t);
                    created.put(t, rs.getLong(5));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_name, view_name, comment, sql, view_oid FROM duckdb_views()"
                    + " WHERE database_name = " + database + " AND NOT internal ORDER BY 1, 2")) {
                while (rs.next()) {
                    String schema = schemas.apply(rs.getString(1));
                    if (schema == null) continue;
                    ObjectMeta meta = ObjectMeta.read(rs.getString(3));
                    List<Column> viewColumns = new ArrayList<>();
                    for (Column c : columns.getOrDefault(schema + "." + rs.getString(2), List.of())) {
                        PgTypeName recorded = meta.columnType(c.number() - 1);
                        viewColumns.add(recorded == null ? c : new Column(c.name(), c.number(), recorded, false, null, "", null,
                                c.description(), false));
                    }
                    Table t = new Table(schema, rs.getString(2), true, viewColumns,
                            TableMeta.read(null), meta.definition() != null ? meta.definition() : rs.getString(4),
                            meta.description(), 0, meta.shown());
                    u.tables.add(t);
                    created.put(t, rs.getLong(5));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_name, index_name, table_name, is_unique, expressions, sql, comment"
                    + " FROM duckdb_indexes() WHERE database_name = " + database + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    String schema = schemas.apply(rs.getString(1));
                    if (schema == null) continue;
                    if (backsConstraint(u, schema, rs.getString(3), rs.getString(2))) continue; // shown as the constraint's index
                    ObjectMeta meta = ObjectMeta.read(rs.getString(7));
                    List<String> keys = meta.columns() != null ? meta.columns() : indexKeys(rs.getString(5));
                    List<String> cols = new ArrayList<>();
                    List<String> exprs = new ArrayList<>();
                    for (String k : keys) {
                        // a key is a column's name (as quoteIdent writes it), else an expression: (a + 1), lower((b)::text)
                        boolean expression = k.startsWith("'") || !isIdentifier(k);
                        cols.add(expression ? null : unquote(k));
                        if (expression) exprs.add(k.startsWith("'") ? k.substring(1, k.length() - 1) : k);
                    }
                    u.indexes.add(new Index(schema, rs.getString(2), rs.getString(3), rs.getBoolean(4), cols, exprs,
                            meta.definition(), meta.description(), meta.predicate(), meta.options(), meta.shown()));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_name, sequence_name, start_value, min_value, max_value, increment_by,"
                    + " cycle, last_value, comment FROM duckdb_sequences() WHERE database_name = " + database + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    String schema = schemas.apply(rs.getString(1));
                    if (schema == null) continue;
                    ObjectMeta meta = ObjectMeta.read(rs.getString(9));
                    long last = rs.getLong(8);
                    Long lastValue = rs.wasNull() ? null : last;
                    long max = rs.getLong(5);
                    String type = meta.type() != null ? meta.type() : max == Short.MAX_VALUE ? "int2" : max == Integer.MAX_VALUE ? "int4" : "int8";
                    u.sequences.add(new Sequence(schema, rs.getString(2), type, rs.getLong(3), rs.getLong(4), max, rs.getLong(6),
                            rs.getBoolean(7), lastValue, meta.description()));
                }
            }
            // types in the order they were made, as pg_type's rows are in PostgreSQL (tools read it unordered)
            List<String[]> enumTypes = new ArrayList<>();
            // one listing of the types (each is costly): enums, and the domains and composites serve made
            try (ResultSet rs = st.executeQuery("SELECT schema_name, type_name, comment, logical_type = 'ENUM' AND NOT internal"
                    + " FROM duckdb_types() WHERE database_name = " + database + " AND (logical_type = 'ENUM' AND NOT internal"
                    + " OR starts_with(comment, '{\"domain\":') OR starts_with(comment, '{\"composite\":')) ORDER BY type_oid")) {
                while (rs.next()) {
                    String comment = rs.getString(3);
                    if (comment != null && comment.startsWith("{\"domain\":")) {
                        DomainMeta d = DomainMeta.read(rs.getString(1), rs.getString(2), comment);
                        if (d != null && schemas.apply(d.schema()) != null) u.domains.add(d);
                    } else if (comment != null && comment.startsWith("{\"composite\":")) {
                        if (schemas.apply(rs.getString(1)) != null) {
                            u.composites.add(dev.pgwire.serve.sql.CompositeMeta.read(rs.getString(1), rs.getString(2), comment));
                        }
                    } else if (rs.getBoolean(4) && schemas.apply(rs.getString(1)) != null) {
                        enumTypes.add(new String[] {rs.getString(1), rs.getString(2), comment});
                    }
                }
            }
            for (String[] e : enumTypes) {
                List<String> labels = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT unnest(enum_range(NULL::" + quote(e[0]) + "." + quote(e[1]) + "))")) {
                    while (rs.next()) labels.add(rs.getString(1));
                }
                u.enums.add(new EnumType(e[0], e[1], labels, ObjectMeta.read(e[2]).description()));
            }
        }
        // in the order they were made (DuckDB's catalog OIDs count up), as PostgreSQL's rows are
        // stored: queries without ORDER BY (pgjdbc's getTypeInfo) list them so
        u.tables.sort(Comparator.comparingLong((Table t) -> created.getOrDefault(t, Long.MAX_VALUE))
                .thenComparing(t -> t.schema).thenComparing(t -> t.name));
        if (functions != null) {
            u.functions.addAll(functions);
            return u;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT schema_name, function_name, comment FROM duckdb_functions()"
                     + " WHERE database_name = " + database + " AND function_type IN ('macro', 'table_macro')"
                     + " AND NOT internal ORDER BY 1, 2")) {
            while (rs.next()) {
                dev.pgwire.serve.sql.FunctionMeta meta = dev.pgwire.serve.sql.FunctionMeta.read(rs.getString(3));
                if (meta != null && schemas.apply(rs.getString(1)) != null) u.functions.add(new SqlFunction(rs.getString(1), rs.getString(2), meta));
            }
        }
        return u;
    }

    /** The domain named {@code name} (the first, when several schemas have one), or null. */
    DomainMeta domain(String name) {
        for (DomainMeta d : domains) if (d.name().equals(name)) return d;
        return null;
    }

    /** A column default as PostgreSQL shows it: serve's record of it, else DuckDB's text. */
    private static String defaultText(String schema, CatalogView.ColumnInfo info, String duckDbDefault) {
        if (info.sequence() != null && !info.identity().isEmpty()) return null; // identity columns have no default
        if (info.sequence() != null) return "nextval('" + SchemaNames.relationInLiteral(schema, info.sequence()).replace("'", "''") + "'::regclass)";
        if (info.pgDefault() != null) return info.pgDefault();
        return duckDbDefault;
    }

    /** The keys of DuckDB's index expression list: {@code [a, '((b + 1))']}. */
    private static List<String> indexKeys(String expressions) {
        List<String> out = new ArrayList<>();
        if (expressions == null || expressions.length() < 2) return out;
        String body = expressions.substring(1, expressions.length() - 1);
        int depth = 0;
        boolean quoted = false;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' ) quoted = !quoted;
            if (!quoted && (c == '(' || c == '[')) depth++;
            if (!quoted && (c == ')' || c == ']')) depth--;
            if (c == ',' && depth == 0 && !quoted) {
                out.add(sb.toString().trim());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        if (!sb.isEmpty()) out.add(sb.toString().trim());
        return out;
    }

    /** Whether {@code key} is a name as quoteIdent writes one: a plain lower-case identifier or a quoted one. */
    static boolean isIdentifier(String key) {
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            String inner = key.substring(1, key.length() - 1);
            return !inner.replace("\"\"", "").contains("\"");
        }
        if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_')) return false;
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) return false;
        }
        return true;
    }

    private static String unquote(String ident) {
        if (ident.length() >= 2 && ident.startsWith("\"") && ident.endsWith("\"")) {
            return ident.substring(1, ident.length() - 1).replace("\"\"", "\"");
        }
        return ident;
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
