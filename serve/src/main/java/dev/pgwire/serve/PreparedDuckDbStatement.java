package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ParameterMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement prepared by Parse as a DuckDB prepared statement, which PostgreSQL's {@code $n}
 * placeholders are native to.
 *
 * <p>Parameter types follow PostgreSQL: a type the client declared is kept; otherwise DuckDB's
 * inferred type is reported. Where DuckDB cannot infer a type ({@code SELECT $1}) the parameter is
 * cast to the declared type, or to text as PostgreSQL resolves an unknown; if that does not
 * prepare either, Parse fails with 42P18 as PostgreSQL does for a type it cannot determine. So
 * the result columns are known at Parse, and Describe never runs the statement — except where
 * DuckDB decides them from parameter values (table functions: {@code SELECT * FROM range($1)}):
 * such a statement cannot be described before Bind, and its portal learns its columns by running.
 *
 * <pre>{@code
 * PreparedStatement st = session.prepare("SELECT name FROM t WHERE id = $1", new int[] {0});
 * st.parameterTypes();   // {23}: DuckDB inferred INTEGER from the column
 * st.columns();          // [name text]
 * Portal p = st.bind(parameters);
 * }</pre>
 */
final class PreparedDuckDbStatement implements PreparedStatement {
    private static final Logger log = LoggerFactory.getLogger(PreparedDuckDbStatement.class);

    private final DuckDbSession session;
    /** The statement and the DuckDB SQL prepared for it (with casts added for parameters DuckDB could not type). */
    private Translation translation;
    private final String sql;
    /** Translates the statement again as the client sent it (null: it is not translated again). */
    private java.util.function.Supplier<Translation> translateAgain;
    /** The casts given to parameters DuckDB could not type, or null. */
    private String[] casts;
    /** The session's settings changes when the statement was translated. */
    private long translatedAt;
    private final StatementInfo info;
    private final int[] parameterTypes;
    /** Per parameter: {@link #COMPOSITE} or {@link #ENUM} for a parameter of such a type of the user's, else 0. */
    private final byte[] userKinds;
    private static final byte COMPOSITE = 1;
    private static final byte ENUM = 2;
    private static final int FIRST_USER_OID = 16384;
    /** How many parameters DuckDB takes (the client may declare more than the statement uses). */
    private final int duckDbParameterCount;
    private final String[] duckDbParameterTypes;
    /** Null when the statement returns no rows. */
    private final List<Column> columns;
    private final PgColumnType[] columnTypes;
    private final List<String> columnDuckDbTypes;
    /** False when DuckDB decides the result columns only once parameter values are bound. */
    private final boolean columnsKnown;
    private final boolean predicted;
    /** Runs at Bind, so that errors PostgreSQL raises while planning (constant folding) come from Bind. */
    private final boolean runsAtBind;
    /** A DuckDB statement not in use by a portal. */
    private java.sql.PreparedStatement idle;
    private boolean closed;

    private PreparedDuckDbStatement(DuckDbSession session, Translation translation, StatementInfo info, int[] parameterTypes,
                                    String[] duckDbParameterTypes, byte[] userKinds, java.sql.PreparedStatement prepared) throws SQLException {
        this.userKinds = userKinds;
        this.session = session;
        this.translation = translation;
        this.sql = translation.duckDbSql();
        this.info = info;
        this.parameterTypes = parameterTypes;
        this.duckDbParameterTypes = duckDbParameterTypes;
        this.duckDbParameterCount = prepared.getParameterMetaData().getParameterCount();
        ResultSetMetaData md = prepared.getMetaData();
        // DuckDB's one-row count of a data-changing statement with data-changing CTEs: no rows in PostgreSQL
        this.columnDuckDbTypes = DataChangeCount.applies(translation) ? null : resultTypes(md, info);
        List<String> labels = new ArrayList<>();
        if (md != null) for (int i = 1; i <= md.getColumnCount(); i++) labels.add(md.getColumnLabel(i));
        List<String> known = columnDuckDbTypes == null ? null : predicted(columnDuckDbTypes, labels, translation);
        boolean unknown = columnDuckDbTypes != null && known == null;
        this.predicted = known != null && !known.equals(columnDuckDbTypes);
        this.columnsKnown = !unknown || !returnsRows(sql, info);
        if (columnDuckDbTypes == null || unknown) {
            this.columns = null;
            this.columnTypes = new PgColumnType[0];
        } else {
            List<Column> cols = new ArrayList<>();
            this.columnTypes = new PgColumnType[known.size()];
            for (int i = 0; i < columnTypes.length; i++) {
                columnTypes[i] = session.runner().columnType(known.get(i), translation, i);
                cols.add(session.runner().describe(columnTypes[i], labels.get(i), translation, i));
            }
            this.columns = List.copyOf(cols);
        }
        this.runsAtBind = isConstantSelect(sql);
        this.idle = prepared;
        this.preparedAt = session.runner().definitionsVersion();
    }

    /**
     * DuckDB's result column types, where DuckDB leaves some UNKNOWN until parameters are bound
     * (a function over a parameter it binds again with the value: {@code len($1::int8[])}) filled
     * in from the PostgreSQL type the translation gives the column, when that type has a DuckDB
     * counterpart; null when a column stays unknown. A portal checks that the columns DuckDB then
     * gives are of the types described ({@link #predicted()}).
     */
    private static List<String> predicted(List<String> duckDbTypes, List<String> labels, Translation t) {
        if (!duckDbTypes.contains("UNKNOWN")) return duckDbTypes;
        List<String> out = new ArrayList<>(duckDbTypes);
        if (duckDbTypes.size() == 1) {
            // DuckDB knows nothing yet, not even how many columns: they are the SELECT list's
            List<String> names = selectListNames(t.tree());
            if (names == null || names.size() != t.resultTypes().size()) return null;
            labels.clear();
            labels.addAll(names);
            out = new ArrayList<>(java.util.Collections.nCopies(names.size(), "UNKNOWN"));
        }
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).equalsIgnoreCase("UNKNOWN")) continue;
            dev.pgwire.serve.sql.SqlType hint = t.resultType(i);
            PgType pg = hint == null ? null : PgType.byName(hint.name());
            int oid = pg == null ? 0 : hint.dims() == 0 ? pg.oid() : hint.dims() == 1 ? pg.arrayOid() : 0;
            String duckDb = oid == 0 || hint.typmod() != -1 ? null : ParameterTypes.duckDbType(oid);
            if (duckDb == null) return null;
            // as DuckDB's result metadata spells the types with a zone (the portal compares the two)
            out.set(i, duckDb.replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE").replace("TIMETZ", "TIME WITH TIME ZONE"));
        }
        return out;
    }

    /**
     * The result column names of a plain SELECT whose list names every column (an alias, or a
     * column's own name; the translation has named every expression), or null.
     */
    private static List<String> selectListNames(dev.pgwire.serve.sql.Node tree) {
        if (tree == null) return null;
        // INSERT … SELECT … FROM unnest($1) RETURNING …: the RETURNING list's columns (asyncpg's bulk insert)
        boolean change = tree.is("InsertStmt") || tree.is("UpdateStmt") || tree.is("DeleteStmt");
        if (change ? !tree.has("returningList") : !tree.is("SelectStmt") || !"SETOP_NONE".equals(tree.str("op")) || tree.has("valuesLists")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (dev.pgwire.serve.sql.Node target : tree.list(change ? "returningList" : "targetList")) {
            if (target.has("name")) {
                names.add(target.str("name"));
                continue;
            }
            dev.pgwire.serve.sql.Node val = target.node("val");
            if (val == null || !val.is("ColumnRef")) return null;
            List<dev.pgwire.serve.sql.Node> fields = val.list("fields");
            if (fields.isEmpty() || !fields.get(fields.size() - 1).is("String")) return null;
            names.add(fields.get(fields.size() - 1).str("sval"));
        }
        return names;
    }

    /**
     * Whether the result columns were described from the translation's types where DuckDB did not
     * tell them before binding: the portal then reads the columns DuckDB gives and checks them.
     */
    boolean predicted() {
        return predicted;
    }

    /** Parse: prepares the statement's DuckDB SQL on the session's DuckDB connection. */
    static PreparedDuckDbStatement prepare(DuckDbSession session, Translation t, int[] declared) {
        String sql = t.duckDbSql();
        StatementInfo info = t.info();
        java.sql.PreparedStatement ps = session.runner().prepare(t);
        try {
            ParameterMetaData pm = ps.getParameterMetaData();
            int duckDbCount = pm.getParameterCount();
            int highest = ParameterTypes.highestParameter(sql);
            if (highest > duckDbCount) throw undetermined(duckDbCount + 1);
            int n = Math.max(declared.length, duckDbCount);
            int[] types = new int[n];
            String[] duckDbTypes = new String[n];
            ParameterInference inference = new ParameterInference(session.runner(), t, n);
            java.util.Map<Integer, Integer> casts = dev.pgwire.serve.sql.ParameterCasts.of(t.tree());
            java.util.Map<Integer, String> userCasts = dev.pgwire.serve.sql.ParameterCasts.userTypes(t.tree());
            byte[] userKinds = new byte[n];
            for (int i = 0; i < n; i++) {
                int declaredOid = i < declared.length ? declared[i] : 0;
                if (declaredOid == PgType.UNKNOWN.oid()) declaredOid = 0;
                // a parameter the statement casts is described as the cast's type, as PostgreSQL describes it
                if (declaredOid == 0) declaredOid = casts.getOrDefault(i + 1, 0);
                String userType = userCasts.get(i + 1);
                if (userType != null && (declaredOid == 0 || declaredOid >= FIRST_USER_OID)) {
                    // a parameter cast to a composite or enum type of the user's is of that type, as PostgreSQL describes it
                    UserTypes.Composite composite = session.runner().userTypes().composite(userType);
                    PgType enumType = composite == null ? session.runner().userTypes().enumType(userType) : null;
                    int oid = composite != null ? composite.type().oid() : enumType != null ? enumType.oid() : 0;
                    if (oid != 0 && (declaredOid == 0 || declaredOid == oid)) {
                        declaredOid = oid;
                        userKinds[i] = composite != null ? COMPOSITE : ENUM;
                    }
                }
                int inferred = 0;
                if (i < duckDbCount) {
                    duckDbTypes[i] = pm.getParameterTypeName(i + 1);
                    inferred = ParameterTypes.pgOid(duckDbTypes[i]);
                }
                types[i] = declaredOid != 0 ? declaredOid : inferred != 0 ? inferred : PgType.TEXT.oid();
                if (i < duckDbCount && inferred != 0 && ParameterTypes.numberOfAnotherKind(declaredOid, inferred)) {
                    // a number of the client's type where DuckDB guessed another (coalesce(int_column, $1) with a
                    // numeric): DuckDB would bind the statement again for the value's type, and its result columns' types change
                    inference.declare(i, ParameterTypes.duckDbType(declaredOid));
                    continue;
                }
                if (i >= duckDbCount || inferred != 0) continue;
                // DuckDB would type it from the bound value; PostgreSQL types it now
                int castTo = casts.getOrDefault(i + 1, 0);
                // a parameter the statement casts to text is bound as text, written as PostgreSQL writes its value
                String cast = castTo == PgType.TEXT.oid() || castTo == PgType.VARCHAR.oid() ? "VARCHAR"
                        : declaredOid == 0 ? null : ParameterTypes.duckDbType(declaredOid);
                if (cast != null) inference.declare(i, cast); else inference.guess(i, duckDbTypes[i]);
            }
            if (inference.anyCasts()) {
                closeQuietly(ps);
                ps = null;
                ps = inference.prepare(session.transactions().inDuckDbTransaction());
                pm = ps.getParameterMetaData();
                for (int i = 0; i < duckDbCount; i++) {
                    duckDbTypes[i] = pm.getParameterTypeName(i + 1);
                    // DuckDB may still not tell (a cast parameter beside unnest of another): the cast given is its type
                    if (ParameterTypes.pgOid(duckDbTypes[i]) == 0 && inference.casts[i] != null) duckDbTypes[i] = inference.casts[i];
                    boolean undeclared = i >= declared.length || declared[i] == 0 || declared[i] == PgType.UNKNOWN.oid();
                    int typed = ParameterTypes.pgOid(duckDbTypes[i]);
                    if (undeclared && typed != 0) types[i] = typed;
                }
                PreparedDuckDbStatement st = new PreparedDuckDbStatement(session, t.withDuckDbSql(inference.preparedSql), info,
                        types, duckDbTypes, userKinds, ps);
                st.casts = inference.casts.clone();
                ps = null;
                return st;
            }
            PreparedDuckDbStatement st = new PreparedDuckDbStatement(session, t, info, types, duckDbTypes, userKinds, ps);
            ps = null;
            return st;
        } catch (SQLException e) {
            throw ErrorMapper.map(e, t);
        } finally {
            if (ps != null) closeQuietly(ps);
        }
    }

    static PgException undetermined(int parameter) {
        return new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $" + parameter)
                .withHint("Add an explicit cast, such as $" + parameter + "::integer.");
    }

    /** DuckDB's column types, or null when the statement returns no rows (PostgreSQL's NoData). */
    private static List<String> resultTypes(ResultSetMetaData md, StatementInfo info) throws SQLException {
        StatementReturnType kind = md.unwrap(DuckDBResultSetMetaData.class).getReturnType();
        if (kind != StatementReturnType.QUERY_RESULT || md.getColumnCount() == 0 || info.resultIsStatus()) return null;
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) types.add(md.getColumnTypeName(i));
        return types;
    }

    /** Whether a statement whose columns DuckDB cannot tell yet will return rows. */
    private static boolean returnsRows(String sql, StatementInfo info) {
        switch (info.main()) {
            case "INSERT", "UPDATE", "DELETE", "MERGE" -> {
                SqlLexer lexer = new SqlLexer(sql);
                for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
                    if (t.depth() == 0 && t.isWord("RETURNING")) return true;
                }
                return false;
            }
            case "CREATE", "DROP", "ALTER", "COPY", "ATTACH", "DETACH", "USE", "LOAD", "INSTALL", "CHECKPOINT", "VACUUM",
                 "ANALYZE", "EXPORT", "IMPORT", "TRUNCATE", "COMMENT", "PREPARE", "EXECUTE", "DEALLOCATE" -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * A SELECT that reads no table: PostgreSQL evaluates its constant expressions while planning,
     * at Bind, so {@code SELECT 1/0} fails there and not at Execute.
     */
    static boolean isConstantSelect(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        Token first = lexer.next();
        if (!first.isWord("SELECT")) return false;
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            if (t.isWord("FROM") || t.isWord("INTO")) return false;
        }
        return true;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> columns() {
        if (!columnsKnown) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "the result columns of this statement are not known before its parameters are bound")
                    .withHint("DuckDB decides the columns of a table function from its arguments; describe the portal instead.");
        }
        return columns;
    }

    boolean columnsKnown() {
        return columnsKnown;
    }

    /** How the statement is translated again when the session's settings change. */
    PreparedDuckDbStatement translatedBy(java.util.function.Supplier<Translation> translator) {
        translateAgain = translator;
        translatedAt = session.settingsChanges();
        return this;
    }

    /**
     * The statement translated again where the session's settings changed since it was translated
     * (TimeZone, search_path, a setting current_setting read): the translation may depend on
     * them, and PostgreSQL plans a statement again under new ones.
     */
    private void translateAgainIfSettingsChanged() {
        long now = session.settingsChanges();
        if (translateAgain == null || now == translatedAt) return;
        translatedAt = now;
        Translation fresh = translateAgain.get();
        if (casts != null) fresh = fresh.withDuckDbSql(ParameterTypes.withCasts(fresh.duckDbSql(), casts));
        if (fresh.duckDbSql().equals(translation.duckDbSql())) return;
        translation = fresh;
        if (idle != null) {
            closeQuietly(idle);
            idle = null;
        }
    }

    @Override
    public Portal bind(Parameters parameters) {
        return session.call(info, call -> {
            translateAgainIfSettingsChanged();
            session.execution().checkWritable(translation);
            Object[] values = new Object[duckDbParameterCount];
            for (int i = 0; i < values.length; i++) {
                values[i] = parameters.value(i);
                // the registry has no codec for the user's types: binary values come as their bytes
                if (values[i] instanceof byte[] b && i < userKinds.length && userKinds[i] != 0) {
                    values[i] = userKinds[i] == COMPOSITE ? RecordText.fromBinary(b, session.codecContext())
                            : new String(b, java.nio.charset.StandardCharsets.UTF_8);
                }
                if (i < parameterTypes.length && i < duckDbParameterTypes.length) {
                    values[i] = ParameterBinder.asText(values[i], parameterTypes[i], duckDbParameterTypes[i], session.codecContext());
                }
            }
            DuckDbPortal portal = new DuckDbPortal(session, this,
                    new ParameterBinder(values, parameterTypes, duckDbParameterTypes));
            if (runsAtBind) portal.start(call);
            return portal;
        });
    }

    Translation translation() {
        return translation;
    }

    StatementInfo info() {
        return info;
    }

    PgColumnType[] columnTypes() {
        return columnTypes;
    }

    /** The catalog version when the idle statement was prepared. */
    private long preparedAt = -1;

    /** A DuckDB statement for a portal to run: the idle one, or a new one if it is in use. */
    java.sql.PreparedStatement borrow() {
        session.openPortal().detach();
        session.runner().catalogReady(translation);
        java.sql.PreparedStatement ps = idle;
        idle = null;
        try {
            long version = session.runner().definitionsVersion();
            if (ps != null && (version != preparedAt || version < 0)) { // definitions changed since: prepared again, as PostgreSQL replans
                closeQuietly(ps);
                ps = null;
            }
            preparedAt = version;
            if (ps != null && !ps.isClosed()) return ps;
            ps = session.runner().prepare(translation);
            List<String> now = resultTypes(ps.getMetaData(), info);
            if (!java.util.Objects.equals(now, columnDuckDbTypes)) {
                closeQuietly(ps);
                // the routine PostgreSQL names: asyncpg prepares the statement again when it sees it
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type")
                        .with(dev.pgwire.protocol.message.ErrorField.ROUTINE, "RevalidateCachedQuery");
            }
            return ps;
        } catch (SQLException e) {
            if (ps != null) closeQuietly(ps);
            throw ErrorMapper.map(e, translation);
        }
    }

    /** A portal is done with its DuckDB statement. */
    void release(java.sql.PreparedStatement ps) {
        if (!closed && idle == null) {
            idle = ps;
        } else {
            closeQuietly(ps);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (idle != null) closeQuietly(idle);
        idle = null;
    }

    static void closeQuietly(java.sql.Statement ps) {
        try {
            ps.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("closing a DuckDB statement failed: {}", e.getMessage());
        }
    }
}
