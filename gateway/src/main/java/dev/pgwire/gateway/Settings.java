package dev.pgwire.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A session's run-time settings as the gateway knows them: parameter name (lower case) → value as
 * SQL text, from the client's startup packet and its SET/RESET statements. Immutable: a server
 * connection keeps the snapshot it was last brought to, so an unchanged client costs one identity
 * check per transaction, and {@link #replay} gives the SQL that brings one to the other.
 */
final class Settings {
    static final Settings EMPTY = new Settings(Map.of());

    /** Startup-packet keys that are not run-time parameters. */
    private static final java.util.Set<String> NOT_PARAMETERS = java.util.Set.of("user", "database", "replication", "options");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    Map<String, String> values() {
        return values;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The settings a startup packet asks for, including {@code options='-c name=value ...'}. */
    static Settings fromStartup(Map<String, String> startup) {
        Map<String, String> v = new LinkedHashMap<>();
        startup.forEach((k, val) -> {
            if (!NOT_PARAMETERS.contains(k) && !k.startsWith("_pq_.")) v.put(k.toLowerCase(Locale.ROOT), SqlText.quoteLiteral(val));
        });
        String options = startup.get("options");
        if (options != null) parseOptions(options, v);
        return v.isEmpty() ? EMPTY : new Settings(Collections.unmodifiableMap(v));
    }

    /** libpq's options string: {@code -c name=value} and {@code --name=value}, backslash escapes spaces. */
    private static void parseOptions(String options, Map<String, String> into) {
        java.util.List<String> args = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                cur.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0) args.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) args.add(cur.toString());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String pair = null;
            if (a.equals("-c") && i + 1 < args.size()) pair = args.get(++i);
            else if (a.startsWith("-c")) pair = a.substring(2);
            else if (a.startsWith("--")) pair = a.substring(2);
            if (pair == null) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            into.put(pair.substring(0, eq).replace('-', '_').toLowerCase(Locale.ROOT), SqlText.quoteLiteral(pair.substring(eq + 1)));
        }
    }

    /** With {@code name} set to {@code sqlValue}, or reset when it is null ("all" resets everything). */
    Settings with(String name, String sqlValue) {
        if (name.equals("all") && sqlValue == null) return EMPTY;
        if (Objects.equals(values.get(name), sqlValue)) return this;
        Map<String, String> v = new LinkedHashMap<>(values);
        if (sqlValue == null) v.remove(name); else v.put(name, sqlValue);
        return v.isEmpty() ? EMPTY : new Settings(Collections.unmodifiableMap(v));
    }

    /** The statements that take a session from {@code from} to {@code to}, or null when nothing differs. */
    static String replay(Settings from, Settings to) {
        if (from == to) return null;
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, String> e : from.values.entrySet()) {
            if (!to.values.containsKey(e.getKey())) sql.append(reset(e.getKey())).append(';');
        }
        for (Map.Entry<String, String> e : to.values.entrySet()) {
            if (!e.getValue().equals(from.values.get(e.getKey()))) sql.append(set(e.getKey(), e.getValue())).append(';');
        }
        return sql.length() == 0 ? null : sql.toString();
    }

    static String set(String name, String sqlValue) {
        return switch (name) {
            case "role" -> "SET ROLE " + sqlValue;
            case "session_authorization" -> "SET SESSION AUTHORIZATION " + sqlValue;
            default -> "SET " + SqlText.quoteParameter(name) + " TO " + sqlValue;
        };
    }

    static String reset(String name) {
        return switch (name) {
            case "role" -> "RESET ROLE";
            case "session_authorization" -> "RESET SESSION AUTHORIZATION";
            default -> "RESET " + SqlText.quoteParameter(name);
        };
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
