package dev.pgwire.serve.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings pg_settings lists that a session does not keep itself (max_connections,
 * shared_buffers, port, …): SHOW and current_setting show their built-in values as PostgreSQL 15
 * shows them, a number with a unit in the largest unit that holds it exactly ({@code 128MB},
 * {@code 5min}). They cannot be SET here (42704, as before).
 */
public final class ServerSettings {
    private ServerSettings() {}

    /**
     * Settings whose built-in value would describe another server than this one (its address,
     * files, connection limit, TLS): not shown (42704, as PostgreSQL answers an unknown name).
     */
    private static final java.util.Set<String> NOT_SHOWN = java.util.Set.of("port", "listen_addresses",
            "unix_socket_directories", "unix_socket_group", "unix_socket_permissions", "data_directory", "config_file",
            "hba_file", "ident_file", "external_pid_file", "max_connections", "superuser_reserved_connections", "ssl",
            "ssl_cert_file", "ssl_key_file", "ssl_ca_file", "ssl_crl_file", "ssl_crl_dir", "krb_server_keyfile");

    /** name in lower case: {canonical name, value as SHOW writes it}. */
    private static final Map<String, String[]> SHOWN = new HashMap<>();
    /** Memory units in bytes and time units in milliseconds, largest first. */
    private static final Map<String, Long> BYTES = new LinkedHashMap<>();
    private static final Map<String, Long> MILLIS = new LinkedHashMap<>();

    static {
        BYTES.put("TB", 1L << 40);
        BYTES.put("GB", 1L << 30);
        BYTES.put("MB", 1L << 20);
        BYTES.put("kB", 1L << 10);
        BYTES.put("B", 1L);
        MILLIS.put("d", 86_400_000L);
        MILLIS.put("h", 3_600_000L);
        MILLIS.put("min", 60_000L);
        MILLIS.put("s", 1000L);
        MILLIS.put("ms", 1L);
        CatalogDefinitions.Relation rel = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_settings");
        int name = rel.index("name");
        int unit = rel.index("unit");
        int type = rel.index("vartype");
        int boot = rel.index("boot_val");
        for (String[] s : StaticCatalog.get().settings()) {
            if (NOT_SHOWN.contains(s[name])) continue;
            String value = s[boot] == null ? "" : s[boot];
            SHOWN.put(s[name].toLowerCase(Locale.ROOT), new String[] {s[name], shown(value, s[unit], s[type])});
        }
    }

    /** The setting's name as pg_settings spells it and its value as SHOW writes it, or null for no such setting. */
    public static String[] shown(String name) {
        return SHOWN.get(name.toLowerCase(Locale.ROOT));
    }

    /** A memory size of {@code bytes} as SHOW writes it: in the largest unit that holds it exactly. */
    public static String shownBytes(long bytes) {
        return bytes == 0 ? "0" : largest(bytes, BYTES);
    }

    static String shown(String value, String unit, String vartype) {
        if (unit == null || !"integer".equals(vartype)) return value;
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
        if (n <= 0) return value;
        Long bytes = switch (unit) {
            case "B" -> 1L;
            case "kB" -> 1024L;
            case "8kB" -> 8192L;
            case "MB" -> 1L << 20;
            default -> null;
        };
        if (bytes != null) return largest(n * bytes, BYTES);
        Long millis = switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "min" -> 60_000L;
            default -> null;
        };
        return millis != null ? largest(n * millis, MILLIS) : value + unit;
    }

    private static String largest(long amount, Map<String, Long> units) {
        for (Map.Entry<String, Long> u : units.entrySet()) {
            if (amount % u.getValue() == 0) return (amount / u.getValue()) + u.getKey();
        }
        return Long.toString(amount);
    }
}
