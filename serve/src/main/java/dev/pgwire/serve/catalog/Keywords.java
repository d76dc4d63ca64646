package dev.pgwire.serve.catalog;

import java.util.HashSet;
import java.util.Set;

/** PostgreSQL 15's keywords (pg_get_keywords()), for quoting identifiers as quote_ident does. */
final class Keywords {
    private Keywords() {}

    private static final Set<String> QUOTED = new HashSet<>();

    static {
        // every keyword but the unreserved ones needs quotes to be an identifier
        for (String[] k : StaticCatalog.get().keywords()) if (!"U".equals(k[1])) QUOTED.add(k[0]);
    }

    static boolean isReserved(String word) {
        return QUOTED.contains(word);
    }
}
