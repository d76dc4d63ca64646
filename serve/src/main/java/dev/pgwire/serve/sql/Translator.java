package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Emitter.Untranslatable;
import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;
import dev.pgwire.serve.sql.StatementInfo.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * The one translation step every statement takes on its way to DuckDB: PostgreSQL's parser reads
 * it, the rewrites give it PostgreSQL's meaning on DuckDB, and {@link Emitter} writes the DuckDB
 * SQL. Statements PostgreSQL's grammar does not accept go to DuckDB unchanged when they are
 * DuckDB's own dialect of querying and defining data ({@code FROM t}, {@code PIVOT},
 * {@code SUMMARIZE}, {@code CREATE MACRO}); anything else that does not parse is PostgreSQL's
 * syntax error.
 *
 * <pre>{@code
 * Translation t = new Translator(session).translate("SELECT count(*) FROM t");
 * t.duckDbSql();     // SELECT count(*) AS count FROM t
 * }</pre>
 */
public final class Translator {
    private static final Logger log = LoggerFactory.getLogger(Translator.class);

    /** Statements up to this many characters nest shallowly enough for any thread's stack. */
    static final int INLINE_LIMIT = 1024;
    /** DuckDB-dialect statements (which PostgreSQL's grammar refused) are passed on only this shallow. */
    private static final int DIALECT_MAX_DEPTH = 64;
    private static final Set<String> DIALECT_FIRST_WORDS = Set.of("SELECT", "FROM", "WITH", "VALUES", "TABLE", "PIVOT",
            "UNPIVOT", "PIVOT_WIDER", "PIVOT_LONGER", "SUMMARIZE", "DESCRIBE", "INSERT", "UPDATE", "DELETE", "CREATE",
            "ALTER", "DROP", "EXPLAIN");
    private static final Set<String> DIALECT_REFUSED_OBJECTS = Set.of("SECRET", "PERSISTENT");

    private final TranslationCache.Recording session;
    private final TranslationCache cache = new TranslationCache();
    /** Whether a locking statement's rows are locked (not for a function's body, kept for every session). */
    private final boolean locksRows;
    /**
     * While a query that is part of another statement is translated — EXPLAIN's, PREPARE's,
     * DECLARE's, COPY's — its locking clause locks nothing (those paths take no row locks).
     */
    private boolean unlocked;

    public Translator(SessionContext session) {
        this(session, null);
    }

    private Translator(SessionContext session, String function) {
        this.session = new TranslationCache.Recording(session);
        this.locksRows = function == null;
        this.function = function;
    }

    /** The function whose body the statements are ({@link #forFunctionBodies}), or null. */
    private final String function;

    /**
     * A translator for the body of a SQL function, which DuckDB keeps as a macro for every session:
     * FOR UPDATE / FOR SHARE there lock no rows, and the tables it reads have aliases of their own
     * ({@link BodyAliases}).
     */
    static Translator forFunctionBodies(SessionContext session, String function) {
        return new Translator(session, function);
    }

    /** Translates one statement (the server has split a Query's text into statements already). */
    public Translation translate(String sql) {
        return translate(sql, null);
    }

    /**
     * Translates one statement of the extended protocol given the parameter types the client
     * declared in Parse (entries 0 where it declared none).
     */
    public Translation translate(String sql, int[] declaredParameters) {
        // before the cache: whether the role may reach the engine's settings can change (SET ROLE)
        EngineGuard.check(sql, session.superuser(), session.externalAccess());
        Translation kept = cache.get(sql, declaredParameters, session);
        if (kept != null) return kept;
        long catalogVersion = session.catalogVersion();
        boolean recording = session.start();
        try {
            Translation t = sql.length() > INLINE_LIMIT ? BigStack.call(() -> translateHere(sql, declaredParameters))
                    : translateHere(sql, declaredParameters);
            if (recording) cache.put(sql, declaredParameters, t, session, catalogVersion);
            return t;
        } finally {
            if (recording) session.stop();
        }
    }

    /** How many translations are kept for reuse (for tests). */
    int kept() {
        return cache.size();
    }

    /**
     * Translates a statement already parsed — the query of PREPARE or DECLARE CURSOR — given the
     * text it is part of (for positions).
     */
    public Translation translate(Node tree, String source) {
        return translate(tree, source, null);
    }

    /** As {@link #translate(Node, String)}, with the parameter types PREPARE declares (OIDs; 0 for none). */
    public Translation translate(Node tree, String source, int[] declaredParameters) {
        StatementInfo info = Classifier.classify(tree);
        if (info.command() != Command.OTHER) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + info.main() + "\"");
        }
        boolean was = unlocked;
        unlocked = true;
        try {
            return emit(source, info, tree, declaredParameters);
        } finally {
            unlocked = was;
        }
    }

    private Translation translateHere(String sql, int[] declaredParameters) {
        List<PgParser.Statement> statements;
        try {
            statements = PgParser.parse(sql);
        } catch (PgException e) {
            return dialect(sql, e);
        }
        if (statements.isEmpty()) return new Translation(sql, new StatementInfo(Command.EMPTY, "", ""), null, null, null, null);
        if (statements.size() > 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        Node tree = statements.get(0).tree();
        StatementInfo info = Classifier.classify(tree);
        if (info.command() != Command.OTHER) return new Translation(sql, info, tree, null, null, null);
        return emit(sql, info, tree, declaredParameters);
    }

    private Translation emit(String sql, StatementInfo info, Node tree, int[] declaredParameters) {
        if (Explain.handles(tree)) {
            // EXPLAIN of the statement as it runs; its rows are put in PostgreSQL's shape as they are sent (ExplainSink)
            String prefix = Explain.prefix(tree);
            Node query = tree.node("query");
            boolean was = unlocked;
            unlocked = true;
            Translation inner;
            try {
                inner = emit(sql, Classifier.classify(query), query, declaredParameters);
            } finally {
                unlocked = was;
            }
            if (inner.duckDbSql() == null || inner.duckDbSql().equals(sql)) return new Translation(sql, info, tree, sql, null, null);
            java.util.function.IntUnaryOperator at = inner.positions() == null ? null
                    : offset -> offset < prefix.length() ? -1 : inner.positions().applyAsInt(offset - prefix.length());
            return new Translation(sql, info, tree, prefix + inner.duckDbSql(), null, at, java.util.List.of(Explain.resultType(tree)),
                    java.util.List.of(), inner.replay(), inner.readsCatalog());
        }
        CatalogRoutes.noteTemporary(tree, session);
        boolean query = Emitter.handles(tree);
        boolean ddl = !query && (DdlEmitter.handles(tree) || DdlChanges.handles(tree));
        if (!query && !ddl) return new Translation(sql, info, tree, sql, null, null);
        if (query) ViewWrites.apply(tree, session.catalog()); // INSERT, UPDATE, DELETE of a simple view: of its table
        if (query) FunctionStyleCasts.apply(tree, session.catalog());
        if (query && function != null) BodyAliases.apply(tree, function);
        if (query && !tree.is("ExplainStmt")) UnpopulatedReads.check(tree, session.catalog());
        LockingSelect.Plan locked = query && locksRows && !unlocked ? LockingSelect.plan(tree, session.catalog()) : null;
        ReplayInfo replay = ReplayInfo.of(tree, session.catalog());
        RowComparisons.apply(tree, session.catalog());
        Checks.apply(tree);
        OutputNames.check(tree, session.catalog());
        CommonTypes.values(tree, session.catalog());
        CommonTypes.setOperations(tree, session.catalog());
        ColumnNames.assign(tree);
        SessionFunctions.rewrite(tree, session);
        SqlWriter w = new SqlWriter();
        Emitter em = new Emitter(w, new TypeMapper(session.catalog()));
        try {
            if (query) {
                boolean callsCatalog = CatalogCalls.callsAny(tree);
                SequenceCalls.rewrite(tree, session);
                GroupByKeys.apply(tree, session.catalog());
                TypedRewrites typed = new TypedRewrites(session, declaredParameters);
                typed.apply(tree);
                boolean readsCatalog = CatalogRoutes.readsCatalog(tree, session, callsCatalog, typed);
                Domains.checkCasts(tree, session.catalog());
                LockingSelect locking = LockingSelect.apply(tree, locked, session.backendPid(), session.catalog());
                em.statement(tree);
                return new Translation(sql, info, tree, w.toString(), null, w::sourceLocation, typed.resultTypes(), typed.resultOrigins(),
                        replay, readsCatalog, locking);
            }
            // a script of several DuckDB statements: DuckDB's positions are per statement, so none are mapped
            DdlEmitter definition = DdlEmitter.handles(tree) ? new DdlEmitter(em, session).source(sql) : null;
            String script = definition != null ? definition.write(tree) : new DdlChanges(em, session).write(tree);
            return new Translation(sql, info, tree, script, null, offset -> -1, java.util.List.of(), java.util.List.of(), replay,
                    definition != null && definition.readsCatalog());
        } catch (Untranslatable e) {
            log.debug("passing a statement to DuckDB as written: no translation of {}", e.getMessage());
            return new Translation(sql, info, tree, sql, null, null);
        }
    }

    /**
     * A statement PostgreSQL's grammar refused: DuckDB's own dialect of the commands that query
     * and define data goes to DuckDB as written (PostgreSQL's error is kept for when DuckDB refuses
     * it too); anything else — DuckDB's commands that reach files, extensions or engine settings
     * among them — is the syntax error.
     */
    private static Translation dialect(String sql, PgException error) {
        if (!SqlState.SYNTAX_ERROR.equals(error.sqlState()) || error.getMessage().startsWith("memory exhausted")) throw error;
        // a string constant PostgreSQL's scanner refuses (E'\\u0000', U&'\\00G1') is no grammar of DuckDB's either: it would read it otherwise
        if (error.getMessage().startsWith("invalid Unicode") || error.getMessage().startsWith("Unicode escape")) throw error;
        SqlLexer lexer = new SqlLexer(sql);
        Token first = lexer.next();
        while (first.isOp('(')) first = lexer.next();
        if (first.kind() != Kind.WORD || !DIALECT_FIRST_WORDS.contains(first.text())) throw error;
        Token second = lexer.next();
        if (second.kind() == Kind.WORD && DIALECT_REFUSED_OBJECTS.contains(second.text())) throw error;
        int ands = 0;
        for (Token t = second; t.kind() != Kind.END; t = lexer.next()) {
            if (t.depth() > DIALECT_MAX_DEPTH) throw error;
            // a ? is DuckDB's placeholder, which PostgreSQL has none of: its syntax error, not DuckDB's parameter count
            if (t.isOp('?')) throw error;
            // a statement not parsed here has its ANDs counted, BETWEEN's too, against the limit of Checks
            if (t.isWord("AND") && ++ands > Checks.MAX_AND_TERMS) {
                throw new PgException(SqlState.STATEMENT_TOO_COMPLEX, "too many conditions joined by AND in one statement");
            }
        }
        return new Translation(sql, StatementInfo.of(sql), null, sql, error, null);
    }
}
