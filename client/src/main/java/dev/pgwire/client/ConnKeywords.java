package dev.pgwire.client;

import java.util.List;

/** The libpq connection keywords this client knows, with their environment variables. */
final class ConnKeywords {
    private ConnKeywords() {}

    /**
     * A keyword. {@code rejected} ones are known to libpq but not implemented here, and would
     * change security or routing if silently ignored, so a non-empty value is an error.
     */
    record Keyword(String name, String envVar, boolean rejected) {}

    static final List<Keyword> ALL = List.of(
            k("host", "PGHOST"),
            k("hostaddr", "PGHOSTADDR"),
            k("port", "PGPORT"),
            k("dbname", "PGDATABASE"),
            k("user", "PGUSER"),
            k("password", "PGPASSWORD"),
            k("passfile", "PGPASSFILE"),
            k("connect_timeout", "PGCONNECT_TIMEOUT"),
            k("client_encoding", "PGCLIENTENCODING"),
            k("options", "PGOPTIONS"),
            k("application_name", "PGAPPNAME"),
            k("fallback_application_name", null),
            k("keepalives", null),
            k("keepalives_idle", null),
            k("keepalives_interval", null),
            k("keepalives_count", null),
            k("tcp_user_timeout", null),
            k("sslmode", "PGSSLMODE"),
            k("sslnegotiation", "PGSSLNEGOTIATION"),
            k("sslcompression", "PGSSLCOMPRESSION"),
            k("sslcert", "PGSSLCERT"),
            k("sslkey", "PGSSLKEY"),
            k("sslpassword", null),
            k("sslcertmode", "PGSSLCERTMODE"),
            k("sslrootcert", "PGSSLROOTCERT"),
            k("sslsni", "PGSSLSNI"),
            k("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION"),
            k("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION"),
            k("gssencmode", "PGGSSENCMODE"),
            k("krbsrvname", "PGKRBSRVNAME"),
            k("gsslib", "PGGSSLIB"),
            k("gssdelegation", "PGGSSDELEGATION"),
            k("channel_binding", "PGCHANNELBINDING"),
            k("target_session_attrs", "PGTARGETSESSIONATTRS"),
            k("load_balance_hosts", "PGLOADBALANCEHOSTS"),
            k("min_protocol_version", "PGMINPROTOCOLVERSION"),
            k("max_protocol_version", "PGMAXPROTOCOLVERSION"),
            rejected("service", "PGSERVICE"),
            rejected("sslcrl", "PGSSLCRL"),
            rejected("sslcrldir", "PGSSLCRLDIR"),
            rejected("requirepeer", "PGREQUIREPEER"),
            rejected("require_auth", "PGREQUIREAUTH"),
            rejected("replication", null));

    static Keyword find(String name) {
        for (Keyword k : ALL) if (k.name.equals(name)) return k;
        return null;
    }

    private static Keyword k(String name, String env) {
        return new Keyword(name, env, false);
    }

    private static Keyword rejected(String name, String env) {
        return new Keyword(name, env, true);
    }
}
