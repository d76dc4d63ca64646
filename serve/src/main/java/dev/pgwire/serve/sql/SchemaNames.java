package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.TypeNames;

/**
 * Names of user objects inside a definition the catalog keeps as text (a column default, a check
 * constraint, a view's query). PostgreSQL's ruleutils writes such a name bare where the asking
 * session's search_path finds that very object, else schema-qualified — pg_dump sets an empty
 * search_path to get every name qualified. So serve keeps the definition with each such name
 * marked, and writes the marks out for the session that asks ({@link #write}).
 *
 * <p>A mark is {@code \u001c kind quoting schema \u001d name \u001e}: kind {@code r} (a relation)
 * or {@code t} (a type), quoting {@code i} (an identifier) or {@code l} (inside a string
 * constant, as in {@code 'public.s'::regclass}); an empty schema means the schema holding the
 * type of that name (serve resolves user types by name alone).
 */
public final class SchemaNames {
    private static final char START = '\u001c';
    private static final char NAME = '\u001d';
    private static final char END = '\u001e';

    public static final char RELATION = 'r';
    public static final char TYPE = 't';

    private SchemaNames() {}

    /** Where the marked names are looked up: the catalog and search_path of the session asking. */
    public interface Lookup {
        /** The schema holding the object of that kind and name, or null when none does. */
        String schemaOf(char kind, String name);

        /** Whether the session's search_path finds this very object by its bare name. */
        boolean visible(char kind, String schema, String name);
    }

    /** A session on the default search_path ({@code "$user", public}) where only the names are known. */
    public static final Lookup DEFAULT = new Lookup() {
        @Override
        public String schemaOf(char kind, String name) {
            return null;
        }

        @Override
        public boolean visible(char kind, String schema, String name) {
            return schema.equals("public") || schema.startsWith("pg_temp");
        }
    };

    /** A relation's name, written as an identifier. */
    public static String relation(String schema, String name) {
        return mark(RELATION, 'i', schema, name);
    }

    /**
     * A relation's name inside a string constant ({@code nextval('s'::regclass)}), before the
     * constant's quotes are doubled: the mark's quotes are doubled with them.
     */
    public static String relationInLiteral(String schema, String name) {
        return mark(RELATION, 'l', schema, name);
    }

    /** A user type's name, its schema found when written out. */
    public static String type(String name) {
        return mark(TYPE, 'i', "", name);
    }

    private static String mark(char kind, char quoting, String schema, String name) {
        if (schema.indexOf(NAME) >= 0 || schema.indexOf(END) >= 0 || name.indexOf(END) >= 0) { // no mark can hold these
            return TypeNames.quoteIdent(name);
        }
        return START + String.valueOf(kind) + quoting + schema + NAME + name + END;
    }

    /** The relations {@code text} names by marks, each as its schema and name, in order. */
    public static java.util.List<String[]> relations(String text) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        write(text, new Lookup() {
            @Override
            public String schemaOf(char kind, String name) {
                return null;
            }

            @Override
            public boolean visible(char kind, String schema, String name) {
                if (kind == RELATION) out.add(new String[] {schema, name});
                return true;
            }
        });
        return out;
    }

    /** {@code text} with its marked names written as a session on the default search_path sees them. */
    public static String write(String text) {
        return write(text, DEFAULT);
    }

    /** {@code text} with its marked names written as the session {@code lookup} describes sees them. */
    public static String write(String text, Lookup lookup) {
        if (text == null || text.indexOf(START) < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int start = text.indexOf(START); start >= 0; start = text.indexOf(START, from)) {
            int name = text.indexOf(NAME, start);
            int end = name < 0 ? -1 : text.indexOf(END, name);
            if (end < 0 || name < start + 3) break; // not a mark: kept as it is
            out.append(text, from, start);
            char kind = text.charAt(start + 1);
            boolean literal = text.charAt(start + 2) == 'l';
            String schema = text.substring(start + 3, name);
            String bare = text.substring(name + 1, end);
            if (literal) { // the constant's quotes were doubled, the mark's with them
                schema = schema.replace("''", "'");
                bare = bare.replace("''", "'");
            }
            if (schema.isEmpty()) schema = lookup.schemaOf(kind, bare);
            String written = schema == null || lookup.visible(kind, schema, bare) ? TypeNames.quoteIdent(bare)
                    : TypeNames.quoteIdent(schema) + "." + TypeNames.quoteIdent(bare);
            out.append(literal ? written.replace("'", "''") : written);
            from = end + 1;
        }
        return out.append(text, from, text.length()).toString();
    }
}
