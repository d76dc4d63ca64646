package dev.pgwire.serve.catalog;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * OIDs of the objects users make. An object's OID is a hash of what it is and its qualified name
 * ({@code r:public.orders}), in PostgreSQL's range for user objects (16384 and up), so it is the
 * same in every session and after a restart without being stored anywhere. Two names that hash
 * alike are told apart deterministically: the names are placed in sorted order and a later one
 * moves to the next free OID.
 */
final class Oids {
    static final int FIRST_USER_OID = 16384;
    private static final long RANGE = Integer.MAX_VALUE - (long) FIRST_USER_OID;

    private final Map<String, Integer> assigned = new HashMap<>();

    /** OIDs for all of {@code keys} (they must all be known up front for the placement to be stable). */
    Oids(Iterable<String> keys) {
        Set<Integer> used = new HashSet<>();
        for (String key : new TreeSet<String>(toSet(keys))) {
            int oid = hash(key);
            while (!used.add(oid)) oid = oid == Integer.MAX_VALUE ? FIRST_USER_OID : oid + 1;
            assigned.put(key, oid);
        }
    }

    /** OIDs given elsewhere (a session's temporary objects, {@link TempCatalog}). */
    Oids(Map<String, Integer> given) {
        assigned.putAll(given);
    }

    private static Set<String> toSet(Iterable<String> keys) {
        Set<String> s = new HashSet<>();
        for (String k : keys) s.add(k);
        return s;
    }

    /** The OID of an object named up front. */
    int of(String key) {
        Integer oid = assigned.get(key);
        if (oid == null) throw new IllegalStateException("no OID was placed for " + key);
        return oid;
    }

    /** The OID of {@code key}, or 0 when it was not named up front. */
    int orZero(String key) {
        Integer oid = assigned.get(key);
        return oid == null ? 0 : oid;
    }

    static int hash(String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return (int) (FIRST_USER_OID + Math.floorMod(h, RANGE));
    }

    static String relation(String schema, String name) {
        return "r:" + schema + "." + name;
    }

    static String type(String schema, String name) {
        return "t:" + schema + "." + name;
    }

    static String namespace(String schema) {
        return "n:" + schema;
    }

    static String constraint(String schema, String table, String name) {
        return "c:" + schema + "." + table + "." + name;
    }

    /** A check constraint of a domain. */
    static String domainConstraint(String schema, String domain, String name) {
        return "k:" + schema + "." + domain + "." + name;
    }

    static String attrdef(String schema, String table, String column) {
        return "d:" + schema + "." + table + "." + column;
    }

    static String enumLabel(String schema, String type, String label) {
        return "e:" + schema + "." + type + "." + label;
    }

    /** The _RETURN rule of a view or materialized view. */
    static String rule(String schema, String name) {
        return "w:" + schema + "." + name;
    }

    static String function(String schema, String name) {
        return "p:" + schema + "." + name;
    }
}
