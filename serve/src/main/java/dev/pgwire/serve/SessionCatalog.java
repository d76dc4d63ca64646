package dev.pgwire.serve;

import dev.pgwire.serve.catalog.CatalogDefinitions;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.DomainMeta;
import dev.pgwire.serve.sql.ObjectMeta;
import dev.pgwire.serve.sql.PgTypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The relations one session sees, read from DuckDB's catalog as PostgreSQL resolves names: the
 * session's temporary tables first, then the schemas of its search_path in order. Answers are
 * cached until the database's catalog changes (any session's DDL moves {@code version}).
 */
final class SessionCatalog implements CatalogView {
    private static final String COLUMNS = "SELECT database_name = 'temp' AS temporary, schema_name, column_name, column_index,"
            + " data_type, comment, is_nullable, column_default, is_generated FROM duckdb_columns()"
            + " WHERE table_name = ? AND (database_name = 'temp' OR database_name = current_database())"
            + " AND (? IS NULL OR schema_name = ?) ORDER BY temporary DESC, schema_name, column_index";
    private static final String VIEW_COMMENT = "SELECT coalesce(comment, '') FROM duckdb_views()"
            + " WHERE view_name = ? AND schema_name = ? AND NOT internal";
    private static final String TABLE_COMMENT = "SELECT comment FROM duckdb_tables()"
            + " WHERE table_name = ? AND schema_name = ? AND (database_name = 'temp') = ?";
    // a temporary table by its unqualified name (which finds temporary tables first): its DuckDB schema is temp's main
    private static final String REFERENCING = "SELECT CASE WHEN database_name = 'temp' THEN NULL ELSE schema_name END, table_name FROM duckdb_tables()"
            + " WHERE comment LIKE '%\"references\":' || ? || '%' AND (database_name = 'temp' OR database_name = current_database())";

    private final DuckDbStatementRunner runner;
    private final AtomicLong version;
    private final AtomicLong routines;
    private final Supplier<List<String>> searchPath;
    private final Map<String, Optional<Relation>> cache = new HashMap<>();
    private long cachedVersion = -1;

    SessionCatalog(DuckDbStatementRunner runner, AtomicLong version, AtomicLong routines, Supplier<List<String>> searchPath) {
        this.runner = runner;
        this.version = version;
        this.routines = routines;
        this.searchPath = searchPath;
    }

    /** Notes that this session changed the catalog (DDL, or the end of a transaction that made some). */
    void changed() {
        routines.incrementAndGet(); // first: a catalog built for the new version reads the functions again
        relationsChanged();
    }

    /** Notes that this session changed the catalog, its functions aside (a table, an index, a view or a sequence). */
    void relationsChanged() {
        version.incrementAndGet();
        onChange.run();
    }

    private Runnable onChange = () -> { };

    /** What else learns of the session's catalog changes (the catalog rows of its temporary objects). */
    void onChange(Runnable listener) {
        onChange = listener;
    }

    /** Forgets what is cached (search_path changed). */
    void forget() {
        cache.clear();
        referencing.clear();
        userTypes.clear();
    }

    @Override
    public Relation relation(String schema, String name) {
        Relation catalogRelation = catalogRelation(schema, name);
        if (catalogRelation != null) return catalogRelation;
        current();
        String key = (schema == null ? "" : schema) + "\u0000" + name;
        return cache.computeIfAbsent(key, k -> Optional.ofNullable(load(schema, name))).orElse(null);
    }

    private static final Map<String, Relation> CATALOG_RELATIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A relation of pg_catalog (found first, as PostgreSQL searches pg_catalog before search_path)
     * or of information_schema, with PostgreSQL's column types.
     */
    static Relation catalogRelation(String schema, String name) {
        String s = schema == null ? CatalogDefinitions.PG_CATALOG : schema;
        if (!s.equals(CatalogDefinitions.PG_CATALOG) && !s.equals(CatalogDefinitions.INFORMATION_SCHEMA)) return null;
        CatalogDefinitions.Relation rel = CatalogDefinitions.get().relation(s, name);
        if (rel == null) return null;
        return CATALOG_RELATIONS.computeIfAbsent(s + "." + name, k -> {
            List<ColumnInfo> columns = new ArrayList<>();
            for (CatalogDefinitions.Column c : rel.columns()) {
                columns.add(new ColumnInfo(c.name(), c.number(), c.duckDbType(), c.pgType(), c.notNull(), null, "", null, null));
            }
            return new Relation(s, name, rel.kind() == 'v', columns, null);
        });
    }

    private Relation load(String schema, String name) {
        List<Object[]> rows = runner.query(COLUMNS, ps -> {
            ps.setString(1, name);
            ps.setString(2, schema);
            ps.setString(3, schema);
        }, rs -> new Object[] {rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getBoolean(9)});
        if (rows.isEmpty()) return null;
        // the temporary table wins, then the first schema of search_path that has the name
        String chosen = null;
        boolean temporary = false;
        if ((Boolean) rows.get(0)[0] && schema == null) {
            temporary = true;
        } else if (schema != null) {
            chosen = schema;
        } else {
            for (String s : searchPath.get()) {
                for (Object[] r : rows) {
                    if (!(Boolean) r[0] && s.equals(r[1])) {
                        chosen = s;
                        break;
                    }
                }
                if (chosen != null) break;
            }
            if (chosen == null) return null;
        }
        List<ColumnInfo> columns = new ArrayList<>();
        String relSchema = null;
        for (Object[] r : rows) {
            boolean temp = (Boolean) r[0];
            if (temporary ? !temp : temp || !chosen.equals(r[1])) continue;
            relSchema = (String) r[1];
            String comment = (String) r[5];
            columns.add(ColumnInfo.of((String) r[2], (Integer) r[3], (String) r[4], comment, !(Boolean) r[6], (String) r[7])
                    .generated((Boolean) r[8]));
        }
        String s = relSchema;
        List<String> viewComment = temporary ? List.of() : runner.query(VIEW_COMMENT, ps -> {
            ps.setString(1, name);
            ps.setString(2, s);
        }, rs -> rs.getString(1));
        boolean view = !viewComment.isEmpty();
        if (view) {
            // DuckDB keeps json and jsonb alike as JSON, an enum by its labels, and character(n) and
            // varchar(n) as VARCHAR (character(n) without its padding): which type a view's column is,
            // its CREATE VIEW recorded
            ObjectMeta meta = ObjectMeta.read(viewComment.get(0));
            for (int i = 0; i < columns.size(); i++) {
                PgTypeName recorded = meta.columnType(i);
                ColumnInfo c = columns.get(i);
                if (recorded != null && c.pgType() == null && (recorded.name().equals("json") || recorded.name().equals("jsonb")
                        || c.duckDbType().startsWith("ENUM(") || c.duckDbType().equals("VARCHAR") && !recorded.isArray()
                        && (recorded.name().equals("bpchar") || recorded.name().equals("varchar")))) {
                    columns.set(i, new ColumnInfo(c.name(), c.number(), c.duckDbType(), recorded, c.notNull(), c.sequence(),
                            c.identity(), c.defaultExpr(), c.pgDefault()));
                }
            }
        }
        boolean temp = temporary;
        // a view's comment keeps its query as written (ObjectMeta), which says whether it is updatable
        String comment = view ? viewComment.get(0) : runner.query(TABLE_COMMENT, ps -> {
            ps.setString(1, name);
            ps.setString(2, s);
            ps.setBoolean(3, temp);
        }, rs -> rs.getString(1)).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new Relation(temporary ? "pg_temp" : relSchema, name, view, columns, comment);
    }

    private static final String INDEXES = "SELECT index_name, is_unique, comment FROM duckdb_indexes() WHERE table_name = ?"
            + " AND CASE WHEN ? THEN database_name = 'temp' ELSE database_name = current_database() AND schema_name = ? END"
            + " ORDER BY index_name";

    @Override
    public List<IndexInfo> indexes(Relation r) {
        boolean temp = r.schema().equals("pg_temp");
        List<IndexInfo> out = new ArrayList<>();
        for (Object[] row : runner.query(INDEXES, ps -> {
            ps.setString(1, r.name());
            ps.setBoolean(2, temp);
            ps.setString(3, r.schema());
        }, rs -> new Object[] {rs.getString(1), rs.getBoolean(2), rs.getString(3)})) {
            dev.pgwire.serve.sql.TableMeta.Constraint c = r.meta().constraint((String) row[0]);
            if (c != null && c.backedByIndex()) continue; // a UNIQUE constraint ALTER TABLE added: the constraint
            ObjectMeta meta = ObjectMeta.read((String) row[2]);
            out.add(new IndexInfo((String) row[0], (Boolean) row[1], meta.columns(), meta.predicate()));
        }
        return out;
    }

    private static final String SEQUENCE = "SELECT start_value, increment_by, min_value, max_value, cycle FROM duckdb_sequences()"
            + " WHERE sequence_name = ? AND CASE WHEN ? THEN database_name = 'temp' ELSE database_name = current_database()"
            + " AND schema_name = ? END";

    @Override
    public SequenceOptions sequence(String schema, String name) {
        boolean temp = schema.equals("pg_temp");
        return runner.query(SEQUENCE, ps -> {
            ps.setString(1, name);
            ps.setBoolean(2, temp);
            ps.setString(3, schema);
        }, rs -> new SequenceOptions(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)))
                .stream().findFirst().orElse(null);
    }

    /** The comment of a user type serve keeps metadata with: a domain's or a composite type's. */
    private static final String USER_TYPES = "SELECT schema_name, comment FROM duckdb_types() WHERE type_name = ?"
            + " AND database_name = current_database() AND (? IS NULL OR schema_name = ?)"
            + " AND (starts_with(comment, '{\"domain\":') OR starts_with(comment, '{\"composite\":'))";
    /** Each user type looked up since the catalog last changed: its schema and comment, or empty. */
    private final Map<String, Optional<String[]>> userTypes = new HashMap<>();
    private long userTypesVersion = -1;

    /** The comment of a SQL function (a macro or table macro), where serve keeps its definition. */
    private static final String SQL_FUNCTIONS = "SELECT schema_name, comment FROM duckdb_functions() WHERE function_name = ?"
            + " AND function_type IN ('macro', 'table_macro') AND database_name = current_database() AND NOT internal";
    /** Each SQL function looked up since the catalog last changed: its schema and comment, or empty. */
    private final Map<String, Optional<String[]>> sqlFunctions = new HashMap<>();
    private long sqlFunctionsVersion = -1;

    @Override
    public dev.pgwire.serve.sql.FunctionMeta sqlFunction(String schema, String name) {
        long now = version.get();
        if (now != sqlFunctionsVersion) {
            sqlFunctions.clear();
            sqlFunctionsVersion = now;
        }
        String[] found = sqlFunctions.computeIfAbsent(name, k -> Optional.ofNullable(runner.query(SQL_FUNCTIONS,
                ps -> ps.setString(1, name), rs -> new String[] {rs.getString(1), rs.getString(2)}).stream()
                .filter(r -> schema == null ? searchPath.get().contains(r[0]) : schema.equals(r[0])).findFirst().orElse(null)))
                .orElse(null);
        return found == null || found[1] == null ? null : dev.pgwire.serve.sql.FunctionMeta.read(found[1]);
    }

    @Override
    public DomainMeta domain(String schema, String name) {
        String[] type = userType(schema, name);
        return type == null ? null : DomainMeta.read(type[0], name, type[1]);
    }

    @Override
    public dev.pgwire.serve.sql.CompositeMeta composite(String schema, String name) {
        String[] type = userType(schema, name);
        return type == null || !dev.pgwire.serve.sql.CompositeMeta.isComposite(type[1]) ? null
                : dev.pgwire.serve.sql.CompositeMeta.read(type[0], name, type[1]);
    }

    private String[] userType(String schema, String name) {
        long now = version.get();
        if (now != userTypesVersion) {
            userTypes.clear();
            userTypesVersion = now;
        }
        String key = (schema == null ? "" : schema) + "\u0000" + name;
        return userTypes.computeIfAbsent(key, k -> Optional.ofNullable(loadUserType(schema, name))).orElse(null);
    }

    private static final String ENUM_SCHEMAS = "SELECT DISTINCT schema_name FROM duckdb_types() WHERE type_name = ?"
            + " AND database_name = current_database() AND logical_type = 'ENUM' ORDER BY 1";

    /** The schemas holding each enum name looked up since the catalog last changed. */
    private final Map<String, List<String>> enumSchemas = new HashMap<>();
    private long enumSchemasVersion = -1;

    @Override
    public String enumSchema(String name) {
        long now = version.get();
        if (now != enumSchemasVersion) {
            enumSchemas.clear();
            enumSchemasVersion = now;
        }
        List<String> schemas = enumSchemas.computeIfAbsent(name,
                n -> runner.query(ENUM_SCHEMAS, ps -> ps.setString(1, n), rs -> rs.getString(1)));
        if (schemas.size() > 1) {
            // a column's type keeps no schema here: which of them it is cannot be told
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                    "enum type name \"" + name + "\" is used in several schemas (" + String.join(", ", schemas) + ")")
                    .withHint("Cast the value to the enum type, schema-qualified ('value'::schema." + name + ").");
        }
        return schemas.isEmpty() ? null : schemas.get(0);
    }

    private static final String DOMAIN_COLUMNS = "SELECT CASE WHEN database_name = 'temp' THEN 'pg_temp' ELSE schema_name END, table_name, column_name FROM duckdb_columns()"
            + " WHERE (database_name = 'temp' OR database_name = current_database()) AND contains(comment, ?)"
            + " ORDER BY schema_name, table_name, column_index";

    @Override
    public List<String[]> domainColumns(String schema, String name) {
        String marker = DomainMeta.columnMarker(schema, name);
        return runner.query(DOMAIN_COLUMNS, ps -> ps.setString(1, marker),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }

    @Override
    public List<String[]> compositeColumns(String schema, String name) {
        // columns keep their type's name only (resolved on search_path, as the column was declared)
        String marker = "\"pg_type\":" + dev.pgwire.serve.sql.ColumnMeta.toJsonString(name);
        return runner.query(DOMAIN_COLUMNS, ps -> ps.setString(1, marker),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }

    private String[] loadUserType(String schema, String name) {
        List<String[]> rows = runner.query(USER_TYPES, ps -> {
            ps.setString(1, name);
            ps.setString(2, schema);
            ps.setString(3, schema);
        }, rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (rows.isEmpty()) return null;
        List<String> order = schema == null ? searchPath.get() : List.of(schema);
        for (String s : order) {
            for (String[] r : rows) if (r[0].equals(s)) return r;
        }
        return null;
    }

    private final Map<String, List<Relation>> referencing = new HashMap<>();
    private List<String[]> views;

    private static final String VIEWS = "SELECT schema_name, view_name, coalesce(comment, ''), false, sql FROM duckdb_views()"
            + " WHERE NOT internal AND database_name = current_database()"
            + " UNION ALL SELECT schema_name, table_name, comment, true, NULL FROM duckdb_tables()" // materialized views
            + " WHERE NOT internal AND database_name = current_database() AND comment LIKE '%\"matview\"%' ORDER BY 1, 2";

    /** Forgets what was read of the catalog before its last change. */
    private void current() {
        long now = version.get();
        if (now != cachedVersion) {
            cache.clear();
            referencing.clear();
            views = null;
            cachedVersion = now;
        }
    }

    @Override
    public List<String[]> views() {
        current();
        if (views == null) {
            views = new ArrayList<>();
            for (String[] v : runner.query(VIEWS, ps -> { }, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getBoolean(4) ? "materialized view" : "view", rs.getString(5)})) {
                String definition;
                if (v[3].equals("view")) {
                    definition = dev.pgwire.serve.sql.ObjectMeta.read(v[2]).definition();
                } else {
                    dev.pgwire.serve.sql.TableMeta.MatView mv = dev.pgwire.serve.sql.TableMeta.read(v[2]).matView();
                    if (mv == null) continue;
                    definition = mv.definition();
                }
                views.add(new String[] {v[0], v[1], definition, v[3], v[4]});
            }
        }
        return views;
    }

    @Override
    public List<Relation> referencing(String table) {
        current();
        List<Relation> known = referencing.get(table);
        if (known != null) return known;
        List<Relation> found = loadReferencing(table);
        referencing.put(table, found);
        return found;
    }

    private List<Relation> loadReferencing(String table) {
        List<String[]> names = runner.query(REFERENCING, ps -> ps.setString(1, dev.pgwire.serve.sql.SqlNames.jsonString(table)),
                rs -> new String[] {rs.getString(1), rs.getString(2)});
        List<Relation> out = new ArrayList<>();
        for (String[] n : names) {
            Relation r = relation(n[0], n[1]);
            if (r != null) out.add(r);
        }
        return out;
    }
}
