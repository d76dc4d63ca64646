package dev.pgwire.serve.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaNamesTest {

    /** A session whose search_path is {@code path}, in a database whose types {@code mood} live in {@code app}. */
    private static SchemaNames.Lookup session(List<String> path) {
        return new SchemaNames.Lookup() {
            @Override
            public String schemaOf(char kind, String name) {
                return kind == SchemaNames.TYPE && name.equals("mood") ? "app" : null;
            }

            @Override
            public boolean visible(char kind, String schema, String name) {
                return path.contains(schema);
            }
        };
    }

    @Test
    void namesAreBareWhereThePathFindsThemElseQualified() {
        String text = "SELECT t.a FROM " + SchemaNames.relation("public", "t") + " t WHERE t.m = 'x'::" + SchemaNames.type("mood");
        assertEquals("SELECT t.a FROM t t WHERE t.m = 'x'::app.mood", SchemaNames.write(text, session(List.of("public"))));
        assertEquals("SELECT t.a FROM public.t t WHERE t.m = 'x'::app.mood", SchemaNames.write(text, session(List.of())));
        assertEquals("SELECT t.a FROM t t WHERE t.m = 'x'::mood", SchemaNames.write(text, session(List.of("app", "public"))));
    }

    @Test
    void theDefaultPathFindsPublicAndTemporaryObjects() {
        assertEquals("a.t, t, t", SchemaNames.write(SchemaNames.relation("a", "t") + ", " + SchemaNames.relation("public", "t") + ", "
                + SchemaNames.relation("pg_temp_3", "t")));
        assertEquals("'x'::mood", SchemaNames.write("'x'::" + SchemaNames.type("mood")));
    }

    @Test
    void namesInsideStringConstantsDoubleTheirQuotes() {
        String def = "nextval('" + SchemaNames.relationInLiteral("Bob's", "t_id_seq").replace("'", "''") + "'::regclass)";
        assertEquals("nextval('\"Bob''s\".t_id_seq'::regclass)", SchemaNames.write(def, session(List.of())));
        assertEquals("nextval('t_id_seq'::regclass)", SchemaNames.write(def, session(List.of("Bob's"))));
        assertEquals("nextval('\"It''s\"'::regclass)",
                SchemaNames.write("nextval('" + SchemaNames.relationInLiteral("public", "It's").replace("'", "''") + "'::regclass)"));
    }

    @Test
    void quotedNamesStayQuoted() {
        assertEquals("\"My Schema\".\"User Accounts\"",
                SchemaNames.write(SchemaNames.relation("My Schema", "User Accounts"), session(List.of())));
    }

    @Test
    void textWithoutMarksIsReturnedAsItIs() {
        String text = "price > (0)::numeric";
        assertEquals(text, SchemaNames.write(text, session(List.of())));
        assertEquals(null, SchemaNames.write(null));
    }
}
