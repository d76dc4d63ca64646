package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run-time parameter (GUC) the session answers itself: its canonical name (as SHOW and
 * ParameterStatus spell it), boot value, whether changes are reported to the client, whether SET
 * may change it, and how a SET value is checked and canonicalised.
 */
final class Guc {

    /** Checks a SET value against the current one and returns the canonical new value. */
    @FunctionalInterface
    interface Normalizer {
        String normalize(String current, String value);
    }

    final String name;
    final String bootValue;
    final boolean reported;
    final boolean settable;
    final String description;
    private final Normalizer normalizer;

    private Guc(String name, String bootValue, boolean reported, boolean settable, String description, Normalizer normalizer) {
        this.name = name;
        this.bootValue = bootValue;
        this.reported = reported;
        this.settable = settable;
        this.description = description;
        this.normalizer = normalizer;
    }

    String normalize(String current, String value) {
        if (!settable) throw new PgException("55P02", "parameter \"" + name + "\" cannot be changed");
        return normalizer.normalize(current, value);
    }

    // ---------------------------------------------------------------- registry

    private static final Map<String, Guc> BY_LOWER_NAME = new TreeMap<>();

    private static void def(String name, String boot, boolean reported, String description, Normalizer normalizer) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new Guc(name, boot, reported, true, description, normalizer));
    }

    private static void readOnly(String name, String boot, boolean reported, String description) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new Guc(name, boot, reported, false, description, null));
    }

    /** Boot values that depend on the connection are filled in by {@link SessionParameters}. */
    static final String FROM_SESSION = "";

    static {
        readOnly("server_version", ServeParameters.SERVER_VERSION, true, "Shows the server version.");
        readOnly("server_version_num", ServeParameters.SERVER_VERSION_NUM, false, "Shows the server version as an integer.");
        readOnly("server_encoding", "UTF8", true, "Shows the server (database) character set encoding.");
        readOnly("integer_datetimes", "on", true, "Shows whether datetimes are integer based.");
        readOnly("is_superuser", "on", true, "Shows whether the current user is a superuser.");
        readOnly("session_authorization", FROM_SESSION, true, "Sets the session user name.");
        readOnly("in_hot_standby", "off", true, "Shows whether hot standby is currently active.");
        readOnly("max_identifier_length", "63", false, "Shows the maximum identifier length.");
        readOnly("block_size", "8192", false, "Shows the size of a disk block.");
        readOnly("lc_collate", "C", false, "Shows the collation order locale.");
        readOnly("lc_ctype", "C", false, "Shows the character classification and case conversion locale.");
        // the server's: its port and connection limit, as the session's connection found them (SessionParameters.server)
        readOnly("port", "5432", false, "Sets the TCP port the server listens on.");
        readOnly("max_connections", "100", false, "Sets the maximum number of concurrent connections.");

        def("application_name", "", true, "Sets the application name to be reported in statistics and logs.",
                (cur, v) -> applicationName(v));
        def("client_encoding", "UTF8", true, "Sets the client's character set encoding.", (cur, v) -> clientEncoding(v));
        def("DateStyle", "ISO, MDY", true, "Sets the display format for date and time values.", Guc::dateStyle);
        def("IntervalStyle", "postgres", true, "Sets the display format for interval values.",
                (cur, v) -> oneOf("IntervalStyle", v, Set.of("postgres"), Set.of("postgres_verbose", "sql_standard", "iso_8601")));
        def("TimeZone", FROM_SESSION, true, "Sets the time zone for displaying and interpreting time stamps.",
                (cur, v) -> timeZoneName(v));
        def("standard_conforming_strings", "on", true, "Causes '...' strings to treat backslashes literally.",
                (cur, v) -> onlyOn("standard_conforming_strings", v));
        def("default_transaction_read_only", "off", true, "Sets the default read-only status of new transactions.",
                (cur, v) -> bool("default_transaction_read_only", v));
        def("transaction_read_only", "off", false, "Sets the current transaction's read-only status.",
                (cur, v) -> bool("transaction_read_only", v));
        def("default_transaction_deferrable", "off", false, "Sets the default deferrable status of new transactions.",
                (cur, v) -> bool("default_transaction_deferrable", v));
        def("transaction_deferrable", "off", false, "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.",
                (cur, v) -> bool("transaction_deferrable", v));
        def("role", "none", false, "Sets the current role.", (cur, v) -> v);
        // roles keep SCRAM-SHA-256 verifiers only (psql's \password asks before computing one)
        def("password_encryption", "scram-sha-256", false, "Chooses the algorithm for encrypting passwords.",
                (cur, v) -> oneOf("password_encryption", v, Set.of("scram-sha-256"), Set.of("md5", "on")));
        def("extra_float_digits", "1", false, "Sets the number of digits displayed for floating-point values.",
                (cur, v) -> intInRange("extra_float_digits", v, -15, 3));
        def("search_path", "\"$user\", public", false, "Sets the schema search order for names that are not schema-qualified.",
                (cur, v) -> v);
        def("statement_timeout", "0", false, "Sets the maximum allowed duration of any statement.", (cur, v) -> milliseconds("statement_timeout", v));
        def("lock_timeout", "0", false, "Sets the maximum allowed duration of any wait for a lock.", (cur, v) -> milliseconds("lock_timeout", v));
        def("idle_in_transaction_session_timeout", "0", false, "Sets the maximum allowed idle time between queries, when in a transaction.",
                (cur, v) -> milliseconds("idle_in_transaction_session_timeout", v));
        def("idle_session_timeout", "0", false, "Sets the maximum allowed idle time between queries, when not in a transaction.",
                (cur, v) -> milliseconds("idle_session_timeout", v));
        def("client_min_messages", "notice", false, "Sets the message levels that are sent to the client.",
                (cur, v) -> oneOf("client_min_messages", v, Set.of("debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log",
                        "notice", "warning", "error"), Set.of()));
        def("bytea_output", "hex", false, "Sets the output format for bytea.",
                (cur, v) -> oneOf("bytea_output", v, Set.of("hex"), Set.of("escape")));
        def("default_transaction_isolation", "read committed", false, "Sets the transaction isolation level of each new transaction.",
                (cur, v) -> isolation("default_transaction_isolation", v));
        def("transaction_isolation", "read committed", false, "Sets the current transaction's isolation level.",
                (cur, v) -> isolation("transaction_isolation", v));
        // accepted so that scripts (pg_dump output, ORMs) run; they change nothing here
        for (String b : new String[] {"jit", "row_security", "check_function_bodies", "escape_string_warning", "synchronize_seqscans"}) {
            def(b, b.equals("jit") ? "off" : "on", false, "Accepted for compatibility; has no effect.", (cur, v) -> bool(b, v));
        }
        // pg_dump keeps itself from running code in views and foreign tables; serve's views run no user code
        def("restrict_nonsystem_relation_kind", "", false, "Prohibits access to non-system relations of specified kinds.", (cur, v) -> {
            for (String kind : v.split(",", -1)) {
                String k = kind.trim();
                if (!k.isEmpty() && !k.equalsIgnoreCase("view") && !k.equalsIgnoreCase("foreign-table")) {
                    throw invalidValue("restrict_nonsystem_relation_kind", v).withDetail("Unrecognized key word: \"" + k + "\".");
                }
            }
            return v;
        });
        // replica turns off the foreign keys serve enforces (PostgreSQL's triggers), as data loads and fixtures ask
        def("session_replication_role", "origin", false, "Sets the session's behavior for triggers and rewrite rules.",
                (cur, v) -> oneOf("session_replication_role", v, Set.of("origin", "replica", "local"), Set.of()));
        // the planner's settings: DuckDB plans its own way, and no answer depends on them (pools and
        // frameworks set them when they connect)
        for (String b : new String[] {"enable_bitmapscan", "enable_gathermerge", "enable_hashagg", "enable_hashjoin",
                "enable_incremental_sort", "enable_indexscan", "enable_indexonlyscan", "enable_material", "enable_memoize",
                "enable_mergejoin", "enable_nestloop", "enable_parallel_append", "enable_parallel_hash", "enable_partition_pruning",
                "enable_seqscan", "enable_sort", "enable_tidscan", "geqo"}) {
            def(b, "on", false, "Accepted for compatibility; has no effect.", (cur, v) -> bool(b, v));
        }
        for (String off : new String[] {"enable_partitionwise_join", "enable_partitionwise_aggregate"}) {
            def(off, "off", false, "Accepted for compatibility; has no effect.", (cur, v) -> bool(off, v));
        }
        for (String[] cost : new String[][] {{"seq_page_cost", "1"}, {"random_page_cost", "4"}, {"cpu_tuple_cost", "0.01"},
                {"cpu_index_tuple_cost", "0.005"}, {"cpu_operator_cost", "0.0025"}, {"parallel_setup_cost", "1000"},
                {"parallel_tuple_cost", "0.1"}, {"cursor_tuple_fraction", "0.1"}, {"hash_mem_multiplier", "2"}}) {
            def(cost[0], cost[1], false, "Accepted for compatibility; has no effect.", (cur, v) -> nonNegative(cost[0], v));
        }
        for (String[] n : new String[][] {{"default_statistics_target", "100", "1", "10000"},
                {"max_parallel_workers_per_gather", "2", "0", "1024"}, {"from_collapse_limit", "8", "1", "2147483647"},
                {"join_collapse_limit", "8", "1", "2147483647"}, {"effective_io_concurrency", "1", "0", "1000"}}) {
            def(n[0], n[1], false, "Accepted for compatibility; has no effect.",
                    (cur, v) -> intInRange(n[0], v, Integer.parseInt(n[2]), Integer.parseInt(n[3])));
        }
        for (String[] any : new String[][] {{"synchronous_commit", "on"},
                {"plan_cache_mode", "auto"}, {"constraint_exclusion", "partition"}, {"xmloption", "content"}, {"default_tablespace", ""},
                {"default_table_access_method", "heap"},
                {"timezone_abbreviations", "Default"}, {"lc_messages", "C"}, {"lc_monetary", "C"}, {"lc_numeric", "C"},
                {"lc_time", "C"}}) {
            def(any[0], any[1], false, "Accepted for compatibility; has no effect.", (cur, v) -> v);
        }
        // memory sizes, checked and shown as PostgreSQL does (SettingUnits); DuckDB's own memory is the operator's to set
        for (String[] mem : new String[][] {{"work_mem", "4MB", "1", "64", "2147483647"},
                {"maintenance_work_mem", "64MB", "1", "1024", "2147483647"}, {"effective_cache_size", "4GB", "8", "1", "2147483647"},
                {"temp_buffers", "8MB", "8", "100", "1073741823"}}) {
            def(mem[0], mem[1], false, "Accepted for compatibility; has no effect.", (cur, v) -> SettingUnits.memory(mem[0], v,
                    Integer.parseInt(mem[2]), Long.parseLong(mem[3]), Long.parseLong(mem[4])));
        }
    }

    /** The parameter with this name in any letter case, or null. */
    static Guc lookup(String name) {
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    static Collection<Guc> all() {
        return BY_LOWER_NAME.values();
    }

    // ---------------------------------------------------------------- value checks

    static PgException invalidValue(String name, String value) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": \"" + value + "\"");
    }

    private static String applicationName(String v) {
        // PostgreSQL keeps application_name printable ASCII and shorter than NAMEDATALEN
        StringBuilder sb = new StringBuilder();
        v.codePoints().forEach(c -> sb.append(c >= 32 && c <= 126 ? (char) c : '?'));
        return sb.length() > 63 ? sb.substring(0, 63) : sb.toString();
    }

    /**
     * Only UTF8 is converted to; SQL_ASCII means "no conversion" in PostgreSQL, which is what a
     * UTF8 pass-through does, and it is what libpq sends for client_encoding=auto under the C locale.
     */
    static String clientEncoding(String v) {
        // as PostgreSQL's clean_encoding_name: only letters and digits count ('utf-8' is UTF8; asyncpg sends the quotes)
        String canonical = v.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (canonical.equals("UTF8") || canonical.equals("UNICODE")) return "UTF8";
        if (canonical.equals("SQLASCII")) return "SQL_ASCII";
        for (String e : dev.pgwire.serve.catalog.Builtins.ENCODINGS) {
            if (e.replace("_", "").equals(canonical)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "conversion between " + e + " and UTF8 is not supported")
                        .withHint("Set client_encoding to UTF8.");
            }
        }
        throw invalidValue("client_encoding", v);
    }

    private static String dateStyle(String current, String v) {
        String order = current.contains("DMY") ? "DMY" : current.contains("YMD") ? "YMD" : "MDY";
        for (String token : v.trim().split("[,\\s]+")) {
            switch (token.toUpperCase(Locale.ROOT)) {
                case "ISO": break;
                case "MDY": case "US": case "NONEUROPEAN": order = "MDY"; break;
                case "DMY": case "EUROPEAN": order = "DMY"; break;
                case "YMD": order = "YMD"; break;
                case "DEFAULT": order = "MDY"; break;
                case "SQL": case "POSTGRES": case "GERMAN":
                    throw invalidValue("DateStyle", v).withDetail("Only the ISO output style is supported.");
                default:
                    throw invalidValue("DateStyle", v).withDetail("Unrecognized key word: \"" + token + "\".");
            }
        }
        return "ISO, " + order;
    }

    private static String oneOf(String name, String v, Set<String> supported, Set<String> unsupported) {
        String lower = v.trim().toLowerCase(Locale.ROOT);
        if (supported.contains(lower)) return lower;
        PgException e = invalidValue(name, v);
        if (unsupported.contains(lower)) e.withDetail("Only " + String.join(", ", supported) + " is supported.");
        throw e;
    }

    /** The name PostgreSQL gives a fixed offset set as a number or interval: {@code <+05:30>-05:30}. */
    private static final Pattern FIXED_OFFSET =
            Pattern.compile("^<([+-])(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?>[+-]\\d{2}(?::\\d{2}){0,2}$");

    /**
     * Time zone names as the IANA database has them, in any letter case, and POSIX-style offsets
     * such as {@code UTC+5} or {@code GMT-05:30} — which, as in PostgreSQL, count hours west of
     * Greenwich: {@code UTC+5} is five hours behind UTC (pgjdbc sends these for offset JVM zones).
     */
    static ZoneId timeZone(String v) {
        String name = v.trim();
        Matcher fixed = FIXED_OFFSET.matcher(name);
        if (fixed.matches()) {
            int sign = fixed.group(1).equals("+") ? 1 : -1;
            int seconds = Integer.parseInt(fixed.group(2)) * 3600
                    + (fixed.group(3) == null ? 0 : Integer.parseInt(fixed.group(3)) * 60)
                    + (fixed.group(4) == null ? 0 : Integer.parseInt(fixed.group(4)));
            return java.time.ZoneOffset.ofTotalSeconds(sign * seconds);
        }
        try {
            java.time.ZoneOffset posix = dev.pgwire.serve.sql.TimeZones.posixOffset(name);
            if (posix != null) return posix;
        } catch (IllegalArgumentException e) {
            throw invalidValue("TimeZone", v);
        }
        if (name.isEmpty()) throw invalidValue("TimeZone", v);
        if (name.equalsIgnoreCase("UTC") || name.equalsIgnoreCase("Z") || name.equalsIgnoreCase("Zulu")) return ZoneId.of("UTC");
        if (name.equalsIgnoreCase("GMT")) return ZoneId.of("GMT");
        // EST, MST, HST (a JVM run with -Duser.timezone=EST makes pgjdbc send TimeZone=EST)
        java.time.ZoneOffset backward = dev.pgwire.protocol.types.CodecContext.backwardZone(name);
        if (backward != null) return backward;
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(name)) return ZoneId.of(id);
        }
        throw invalidValue("TimeZone", v).withDetail("time zone \"" + name + "\" not recognized");
    }

    /** A number of hours, however the value came (SET, set_config, a startup parameter): check_timezone's strtod. */
    private static final Pattern HOURS = Pattern.compile("^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$");

    /** The name SHOW TimeZone gives: the IANA spelling, or a POSIX offset as written. */
    private static String timeZoneName(String v) {
        // a number is hours east of Greenwich, which PostgreSQL names as a fixed offset (<+03>-03)
        if (HOURS.matcher(v).matches()) return ParameterCommands.fixedZone(Math.round(Double.parseDouble(v.strip()) * 3600), v);
        ZoneId zone = timeZone(v);
        return zone instanceof java.time.ZoneOffset ? v.trim() : zone.getId();
    }

    static String bool(String name, String v) {
        String lower = v.trim().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on": case "true": case "yes": case "1": case "t": case "y": return "on";
            case "off": case "false": case "no": case "0": case "f": case "n": return "off";
            default:
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" requires a Boolean value");
        }
    }

    private static String onlyOn(String name, String v) {
        if (!bool(name, v).equals("on")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"" + name + "\" can only be set to on here");
        }
        return "on";
    }

    private static String onlyOff(String name, String v) {
        if (!bool(name, v).equals("off")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"" + name + "\" can only be set to off here");
        }
        return "off";
    }

    private static String nonNegative(String name, String v) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw invalidValue(name, v);
        }
        if (!(d >= 0) || Double.isInfinite(d)) throw invalidValue(name, v);
        return v.trim();
    }

    private static String intInRange(String name, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalidValue(name, v);
        }
        if (n < min || n > max) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    n + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. " + max + ")");
        }
        return Integer.toString(n);
    }

    private static final Pattern DURATION = Pattern.compile("^\\s*(\\d+)\\s*(ms|s|min|h|d)?\\s*$");
    private static final Map<String, Long> UNIT_MS = new LinkedHashMap<>();

    static {
        UNIT_MS.put("d", 86_400_000L);
        UNIT_MS.put("h", 3_600_000L);
        UNIT_MS.put("min", 60_000L);
        UNIT_MS.put("s", 1000L);
        UNIT_MS.put("ms", 1L);
    }

    /** A time in milliseconds ("5000", "5s", "1min"), shown as SHOW does: in the largest exact unit. */
    static String milliseconds(String name, String v) {
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) throw invalidValue(name, v);
        long ms = Long.parseLong(m.group(1)) * UNIT_MS.get(m.group(2) == null ? "ms" : m.group(2));
        if (ms > Integer.MAX_VALUE) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    ms + " ms is outside the valid range for parameter \"" + name + "\" (0 .. 2147483647)");
        }
        if (ms == 0) return "0";
        for (Map.Entry<String, Long> unit : UNIT_MS.entrySet()) {
            if (ms % unit.getValue() == 0) return (ms / unit.getValue()) + unit.getKey();
        }
        return ms + "ms";
    }

    /** Parses a value produced by {@link #milliseconds}. */
    static long toMillis(String canonical) {
        Matcher m = DURATION.matcher(canonical);
        if (!m.matches()) return 0;
        return Long.parseLong(m.group(1)) * UNIT_MS.get(m.group(2) == null ? "ms" : m.group(2));
    }

    private static String isolation(String name, String v) {
        String lower = v.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (Set.of("read uncommitted", "read committed", "repeatable read", "serializable").contains(lower)) return lower;
        throw invalidValue(name, v);
    }
}
