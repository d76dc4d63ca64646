package dev.pgwire.serve.sql;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The translations of the statements a session ran lately, so that a statement it sends again
 * (pgbench, a dashboard polling, an ORM's unnamed statements, a driver's catalog queries) is not
 * parsed and rewritten again. A translation is only reused while everything it was made from still
 * holds: the same text and declared parameter types, the database's catalog at the same version,
 * and the same answer to every question it asked of the session (current_user, a setting, the
 * search_path, …); it is recorded through {@link #recording}. A translation that changed the
 * session (set_config) or noted a temporary relation is never kept, and only queries and data
 * changes are (not DDL, EXPLAIN or the commands serve answers itself).
 *
 * <p>Bounded per session: {@value #MAX_ENTRIES} statements, none longer than
 * {@value #MAX_STATEMENT_CHARS} characters, {@value #MAX_TOTAL_CHARS} characters in all; the least
 * recently used go first.
 */
final class TranslationCache {
    static final int MAX_ENTRIES = 128;
    static final int MAX_STATEMENT_CHARS = 8_192;
    /** A translation holds about 100 bytes per character of its statement (its parse tree): about 3 MB a session. */
    static final int MAX_TOTAL_CHARS = 32_768;

    private record Key(String sql, int[] declared) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && sql.equals(k.sql) && Arrays.equals(declared, k.declared);
        }

        @Override
        public int hashCode() {
            return sql.hashCode() * 31 + Arrays.hashCode(declared);
        }
    }

    /** One question the translation asked of the session, and the answer it got. */
    private record Read(Function<SessionContext, Object> question, Object answer) {
        boolean holds(SessionContext session) {
            return Objects.equals(question.apply(session), answer);
        }
    }

    private record Entry(Translation translation, long catalogVersion, List<Read> reads) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int totalChars;

    /**
     * The kept translation of {@code sql} if everything it was made from still holds in
     * {@code session}, else null.
     */
    synchronized Translation get(String sql, int[] declared, SessionContext session) {
        if (sql.length() > MAX_STATEMENT_CHARS) return null;
        Key key = new Key(sql, declared);
        Entry e = entries.get(key);
        if (e == null) return null;
        if (e.catalogVersion() == session.catalogVersion() && e.reads().stream().allMatch(r -> r.holds(session))) {
            return e.translation();
        }
        remove(key);
        return null;
    }

    /** Keeps {@code t}, made while {@code recording} recorded, if it may be reused. */
    synchronized void put(String sql, int[] declared, Translation t, Recording recording, long catalogVersion) {
        if (catalogVersion < 0 || recording.changedSession || sql.length() > MAX_STATEMENT_CHARS
                || t.parseError() != null || t.tree() == null || t.info().command() != StatementInfo.Command.OTHER
                || !Emitter.handles(t.tree()) || Explain.handles(t.tree())) {
            return;
        }
        Key key = new Key(sql, declared == null ? null : declared.clone());
        remove(key);
        entries.put(key, new Entry(t, catalogVersion, List.copyOf(recording.reads.values())));
        totalChars += sql.length();
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while ((entries.size() > MAX_ENTRIES || totalChars > MAX_TOTAL_CHARS) && eldest.hasNext()) {
            totalChars -= eldest.next().getKey().sql().length();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void remove(Key key) {
        if (entries.remove(key) != null) totalChars -= key.sql().length();
    }

    /**
     * The session as a translation sees it, noting each question asked while {@link #start}ed.
     * Translations run one at a time per session.
     */
    static final class Recording implements SessionContext {
        private final SessionContext session;
        private Map<String, Read> reads;
        private boolean changedSession;

        Recording(SessionContext session) {
            this.session = session;
        }

        /** Starts recording afresh (a translation begins); nested translations add to it. */
        boolean start() {
            if (reads != null) return false;
            reads = new LinkedHashMap<>();
            changedSession = false;
            return true;
        }

        void stop() {
            reads = null;
        }

        /** Notes the answer to a question (named by {@code what}: asked twice, noted once). */
        private <T> T note(String what, Function<SessionContext, Object> question, T answer) {
            if (reads != null) reads.putIfAbsent(what, new Read(question, answer));
            return answer;
        }

        private void changed() {
            changedSession = true;
        }

        @Override
        public String user() {
            return note("user", SessionContext::user, session.user());
        }

        @Override
        public String sessionUser() {
            return note("sessionUser", SessionContext::sessionUser, session.sessionUser());
        }

        @Override
        public String bootstrapSuperuser() {
            return note("bootstrapSuperuser", SessionContext::bootstrapSuperuser, session.bootstrapSuperuser());
        }

        @Override
        public boolean roleExists(String name) {
            return note("roleExists " + name, s -> s.roleExists(name), session.roleExists(name));
        }

        @Override
        public boolean externalAccess() {
            return session.externalAccess(); // the operator's, the same for every statement
        }

        @Override
        public boolean superuser() {
            return note("superuser", SessionContext::superuser, session.superuser());
        }

        @Override
        public String database() {
            return session.database(); // fixed for the session
        }

        @Override
        public int backendPid() {
            return session.backendPid(); // fixed for the session
        }

        @Override
        public String currentSchema() {
            return note("currentSchema", SessionContext::currentSchema, session.currentSchema());
        }

        @Override
        public List<String> currentSchemas(boolean implicit) {
            return note("currentSchemas " + implicit, s -> s.currentSchemas(implicit), session.currentSchemas(implicit));
        }

        @Override
        public String setting(String name) {
            return note("setting " + name, s -> s.setting(name), session.setting(name));
        }

        @Override
        public String versionText() {
            return session.versionText();
        }

        @Override
        public String timeZoneName() {
            return note("timeZoneName", SessionContext::timeZoneName, session.timeZoneName());
        }

        @Override
        public String setConfig(String name, String value, boolean isLocal) {
            changed();
            return session.setConfig(name, value, isLocal);
        }

        @Override
        public void temporaryRelationNamed() {
            changed();
            session.temporaryRelationNamed();
        }

        @Override
        public String temporarySchema() {
            return note("temporarySchema", SessionContext::temporarySchema, session.temporarySchema());
        }

        @Override
        public boolean definingCatalog() {
            return note("definingCatalog", SessionContext::definingCatalog, session.definingCatalog());
        }

        /** Relations resolve along the search_path, the session's temporary schema first. */
        @Override
        public CatalogView catalog() {
            note("currentSchemas true", s -> s.currentSchemas(true), session.currentSchemas(true));
            return session.catalog();
        }

        @Override
        public dev.pgwire.serve.catalog.Snapshot catalogSnapshot() {
            note("currentSchemas true", s -> s.currentSchemas(true), session.currentSchemas(true));
            return session.catalogSnapshot();
        }

        @Override
        public long catalogVersion() {
            return session.catalogVersion();
        }
    }
}
