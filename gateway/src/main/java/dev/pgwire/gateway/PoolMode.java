package dev.pgwire.gateway;

import java.util.Locale;

/** When a client gives its server connection back: at the end of its session, or of each transaction. */
public enum PoolMode {
    SESSION, TRANSACTION;

    public static PoolMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "session" -> SESSION;
            case "transaction" -> TRANSACTION;
            default -> throw new IllegalArgumentException("pool mode must be session or transaction, not \"" + s + "\"");
        };
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
