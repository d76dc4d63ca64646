package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.List;

/**
 * COLLATE clauses. serve's databases use the C collation (byte order), as {@code lc_collate}
 * reports, so {@code default}, {@code "C"}, {@code "POSIX"} and {@code ucs_basic} are that order
 * and need no clause; other collations do not exist here (42704, as PostgreSQL reports a
 * collation it does not know).
 */
final class Collations {
    private Collations() {}

    static void write(Emitter em, Node clause) {
        List<String> names = clause.names("collname");
        String name = names.get(names.size() - 1);
        boolean catalog = names.size() == 1 || names.get(0).equals("pg_catalog");
        if (catalog && (name.equals("default") || name.equals("C") || name.equals("POSIX") || name.equals("ucs_basic"))) {
            em.expr(clause.node("arg"));
            return;
        }
        throw new PgException(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" for encoding \"UTF8\" does not exist");
    }
}
