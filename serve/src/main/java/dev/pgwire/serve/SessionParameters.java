package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One session's run-time parameters with PostgreSQL's transaction rules: a SET inside a
 * transaction block is undone by ROLLBACK, SET LOCAL lasts until the end of the transaction, and
 * RESET returns to the value the connection started with (startup parameters included).
 */
final class SessionParameters {

    /** The parameters PostgreSQL 15 reports in ParameterStatus at startup, in its order. */
    static final List<String> STARTUP_REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

    private static final Set<String> NOT_PARAMETERS = Set.of("user", "database", "options", "replication",
            "fallback_application_name");

    private final Map<String, String> defaults = new HashMap<>();
    private Map<String, String> session = new HashMap<>();
    private final Map<String, String> local = new HashMap<>();
    private Map<String, String> transactionStart; // session values when the transaction began; null outside one
    private final Map<String, String> lastReported = new HashMap<>();
    /** The parameters the client gave at startup (pg_settings.source "client"). */
    private final Set<String> fromClient = new java.util.HashSet<>();
    /** The parameters SET changed in the session, and SET LOCAL in the transaction (source "session"). */
    private Set<String> setInSession = new java.util.HashSet<>();
    private final Set<String> setLocally = new java.util.HashSet<>();
    /**
     * Custom (dotted) parameters the session has set at some point: as in PostgreSQL they stay
     * defined, with an empty value, after a RESET or the end of a SET LOCAL.
     */
    private final Set<String> placeholders = new java.util.HashSet<>();
    private Set<String> setAtTransactionStart;

    /**
     * @throws PgException when a startup parameter has a value PostgreSQL would refuse
     */
    SessionParameters(String user, Map<String, String> startupParameters) {
        for (Guc g : Guc.all()) defaults.put(g.name, g.bootValue);
        defaults.put("session_authorization", user == null ? "" : user);
        defaults.put("TimeZone", systemTimeZone());
        Map<String, String> startup = new LinkedHashMap<>();
        if (startupParameters != null) {
            String options = startupParameters.get("options");
            if (options != null) startup.putAll(parseOptions(options));
            startupParameters.forEach((k, v) -> {
                if (!NOT_PARAMETERS.contains(k)) startup.put(k, v);
            });
            if (!startup.containsKey("application_name") && startupParameters.containsKey("fallback_application_name")) {
                startup.put("application_name", startupParameters.get("fallback_application_name"));
            }
        }
        startup.forEach((name, value) -> {
            Guc g = Guc.lookup(name);
            if (g == null) {
                if (name.contains(".")) defaults.put(name.toLowerCase(Locale.ROOT), value);
                return; // unknown startup parameters are ignored rather than failing the connection
            }
            defaults.put(g.name, g.normalize(defaults.get(g.name), value));
            fromClient.add(g.name);
        });
        session.putAll(defaults);
        for (String name : STARTUP_REPORTED) lastReported.put(name, session.get(name));
    }

    /**
     * The server's port (of the address the connection came to) and connection limit, where the
     * server told them: what SHOW port, SHOW max_connections and pg_settings answer.
     */
    void server(java.net.SocketAddress local, int maxConnections) {
        if (local instanceof java.net.InetSocketAddress inet) {
            defaults.put("port", Integer.toString(inet.getPort()));
            session.put("port", defaults.get("port"));
        }
        if (maxConnections > 0) {
            defaults.put("max_connections", Integer.toString(maxConnections));
            session.put("max_connections", defaults.get("max_connections"));
        }
    }

    private static String systemTimeZone() {
        String id = ZoneId.systemDefault().getId();
        return id.equals("Z") || id.equals("Etc/UTC") || id.equals("Etc/Universal") ? "UTC" : id;
    }

    /** {@code -c name=value} and {@code --name=value} items of the startup "options" string. */
    static Map<String, String> parseOptions(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                w.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0) { words.add(w.toString()); w.setLength(0); }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) words.add(w.toString());
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String item = null;
            if (words.get(i).equals("-c") && i + 1 < words.size()) item = words.get(++i);
            else if (words.get(i).startsWith("-c")) item = words.get(i).substring(2);
            else if (words.get(i).startsWith("--")) item = words.get(i).substring(2);
            if (item == null) continue;
            int eq = item.indexOf('=');
            if (eq > 0) out.put(item.substring(0, eq).replace('-', '_'), item.substring(eq + 1));
        }
        return out;
    }

    /** The parameters and values to report at startup. */
    Map<String, String> startupReport() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STARTUP_REPORTED) {
            out.put(name, get(name));
            lastReported.put(name, get(name)); // what the session set up since (is_superuser) is reported once
        }
        return out;
    }

    /** The current value of a parameter (canonical or custom name), or null if unknown. */
    String get(String name) {
        String key = key(name);
        if (key == null) return null;
        String v = local.get(key);
        if (v == null) v = session.get(key);
        return v == null && placeholders.contains(key) ? "" : v;
    }

    /** The canonical key: a known parameter's name, a custom (dotted) name in lower case, or null. */
    String key(String name) {
        Guc g = Guc.lookup(name);
        if (g != null) return g.name;
        String lower = name.toLowerCase(Locale.ROOT);
        return session.containsKey(lower) || local.containsKey(lower) || lower.contains(".") ? lower : null;
    }

    /** How many times the values have changed: a statement translated under others is translated again. */
    private long changes;

    long changes() {
        return changes;
    }

    /** SET: {@code value} is the text from the statement; null means DEFAULT. */
    void set(String name, String value, boolean isLocal) {
        changes++;
        Guc g = Guc.lookup(name);
        String key = g != null ? g.name : name.toLowerCase(Locale.ROOT);
        if (g == null && key.contains(".")) placeholders.add(key);
        String newValue;
        if (value == null) {
            if (g != null && !g.settable) g.normalize(null, ""); // throws "cannot be changed"
            newValue = defaults.get(key);
        } else {
            newValue = g != null ? g.normalize(get(key), value) : value;
        }
        if (isLocal) {
            local.put(key, newValue);
            setLocally.add(key);
        } else {
            local.remove(key);
            setLocally.remove(key);
            if (newValue == null) session.remove(key); else session.put(key, newValue);
            // SET … TO DEFAULT and RESET return to the value, and the source, the session started with
            if (value == null) setInSession.remove(key); else setInSession.add(key);
        }
    }

    /**
     * Where the current value of a parameter comes from, as pg_settings.source says it: "session"
     * (SET), "client" (a startup parameter), or null for the server's own value.
     */
    String source(String name) {
        String key = key(name);
        if (key == null) return null;
        if (setLocally.contains(key) || setInSession.contains(key)) return "session";
        return fromClient.contains(key) ? "client" : null;
    }

    /**
     * Sets a parameter that SET cannot change directly (session_authorization, is_superuser) or
     * that serve checks itself (role), with SET's transaction rules.
     */
    void setInternal(String key, String value, boolean isLocal) {
        changes++;
        if (isLocal) {
            local.put(key, value);
        } else {
            local.remove(key);
            session.put(key, value);
        }
    }

    /** The identity parameters RESET ALL leaves alone, as PostgreSQL does (GUC_NO_RESET_ALL). */
    private static final List<String> IDENTITY = List.of("session_authorization", "role", "is_superuser");

    void reset(String name) {
        set(name, null, false);
    }

    void resetAll() {
        changes++;
        Map<String, String> next = new HashMap<>(defaults);
        for (String key : IDENTITY) {
            String v = session.get(key);
            if (v != null) next.put(key, v);
        }
        local.keySet().removeIf(k -> !IDENTITY.contains(k));
        setLocally.removeIf(k -> !IDENTITY.contains(k));
        setInSession.removeIf(k -> !IDENTITY.contains(k));
        session = next;
    }

    boolean inTransaction() {
        return transactionStart != null;
    }

    void beginTransaction() {
        if (transactionStart == null) {
            transactionStart = new HashMap<>(session);
            setAtTransactionStart = new java.util.HashSet<>(setInSession);
        }
    }

    /** A statement outside any transaction block ended: what it set locally (set_config(…, true)) goes. */
    void statementEnded() {
        if (!local.isEmpty()) changes++;
        local.clear();
        setLocally.clear();
    }

    /** The values at each savepoint of the block, oldest first, for ROLLBACK TO SAVEPOINT. */
    private final List<Mark> marks = new ArrayList<>();

    private record Mark(String savepoint, Map<String, String> session, Set<String> setInSession, Map<String, String> local,
                        Set<String> setLocally) {
    }

    /** SAVEPOINT {@code name}: what SET and SET LOCAL have made so far is kept for a ROLLBACK TO it. */
    void savepoint(String name) {
        marks.add(new Mark(name, new HashMap<>(session), new java.util.HashSet<>(setInSession), new HashMap<>(local),
                new java.util.HashSet<>(setLocally)));
    }

    /** RELEASE SAVEPOINT {@code name}: it and the savepoints after it go; the values stay. */
    void releaseSavepoint(String name) {
        int at = markOf(name);
        if (at >= 0) marks.subList(at, marks.size()).clear();
    }

    /** ROLLBACK TO SAVEPOINT {@code name}: the values are those at the savepoint again, which stays. */
    void rollbackToSavepoint(String name) {
        int at = markOf(name);
        if (at < 0) return;
        Mark m = marks.get(at);
        changes++;
        session = new HashMap<>(m.session());
        setInSession = new java.util.HashSet<>(m.setInSession());
        local.clear();
        local.putAll(m.local());
        setLocally.clear();
        setLocally.addAll(m.setLocally());
        marks.subList(at + 1, marks.size()).clear();
    }

    private int markOf(String name) {
        for (int i = marks.size() - 1; i >= 0; i--) if (marks.get(i).savepoint().equals(name)) return i;
        return -1;
    }

    void commit() {
        if (!local.isEmpty()) changes++;
        marks.clear();
        transactionStart = null;
        setAtTransactionStart = null;
        local.clear();
        setLocally.clear();
    }

    void rollback() {
        if (!local.isEmpty() || transactionStart != null && !transactionStart.equals(session)) changes++;
        marks.clear();
        if (transactionStart != null) {
            session = transactionStart;
            setInSession = setAtTransactionStart;
        }
        transactionStart = null;
        setAtTransactionStart = null;
        local.clear();
        setLocally.clear();
    }

    /** Reported parameters whose value changed since they were last reported; marks them reported. */
    Map<String, String> takeReportedChanges() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STARTUP_REPORTED) {
            String v = get(name);
            if (v != null && !v.equals(lastReported.get(name))) {
                out.put(name, v);
                lastReported.put(name, v);
            }
        }
        return out;
    }

    /** Every known parameter with its value and description, sorted by name (SHOW ALL). */
    List<String[]> all() {
        List<String[]> rows = new ArrayList<>();
        for (Guc g : Guc.all()) rows.add(new String[] {g.name, get(g.name), g.description});
        return rows;
    }

    ZoneId timeZone() {
        try {
            return Guc.timeZone(get("TimeZone"));
        } catch (PgException e) {
            return ZoneId.of("UTC");
        }
    }

    int extraFloatDigits() {
        return Integer.parseInt(get("extra_float_digits"));
    }

    /** How values are rendered as text under the current settings. */
    CodecContext codecContext() {
        return new CodecContext(timeZone(), extraFloatDigits(), get("DateStyle"), get("IntervalStyle"));
    }

    long statementTimeoutMillis() {
        return Guc.toMillis(get("statement_timeout"));
    }

    long idleInTransactionTimeoutMillis() {
        return Guc.toMillis(get("idle_in_transaction_session_timeout"));
    }

    /** Whether a message of this severity reaches the client under client_min_messages. */
    boolean sendsToClient(String severity) {
        List<String> order = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log", "notice", "warning", "error");
        int min = order.indexOf(get("client_min_messages"));
        int level = order.indexOf(severity.toLowerCase(Locale.ROOT));
        return level < 0 || level >= min;
    }

    static PgException unrecognized(String name) {
        return new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name.toLowerCase(Locale.ROOT) + "\"");
    }
}
