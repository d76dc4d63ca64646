package dev.pgwire.serve.catalog;

import java.util.List;

/**
 * The extensions serve offers to CREATE EXTENSION — their functions are built in — as
 * pg_available_extensions and pg_available_extension_versions list them (PostgreSQL 15's
 * versions, flags and comments).
 */
public final class Extensions {
    private Extensions() {}

    /** An extension serve can install: one version of it. */
    public record Available(String name, String version, boolean superuser, boolean trusted, boolean relocatable,
                            String schema, String comment) {
    }

    public static final List<Available> AVAILABLE = List.of(
            new Available("plpgsql", "1.0", true, true, false, "pg_catalog", "PL/pgSQL procedural language"),
            new Available("pgcrypto", "1.3", true, true, true, null, "cryptographic functions"),
            new Available("uuid-ossp", "1.1", true, true, true, null, "generate universally unique identifiers (UUIDs)"));

    /** The functions of those extensions serve provides (built in, whatever schema a call names). */
    public static final java.util.Set<String> FUNCTIONS = java.util.Set.of("uuid_generate_v4", "gen_random_uuid", "digest");

    /** The version serve installs of {@code name}, or null when it does not offer it. */
    public static String version(String name) {
        for (Available a : AVAILABLE) if (a.name().equals(name)) return a.version();
        return null;
    }

    /** The names of the extensions serve offers, sorted. */
    public static List<String> names() {
        return AVAILABLE.stream().map(Available::name).sorted().toList();
    }
}
