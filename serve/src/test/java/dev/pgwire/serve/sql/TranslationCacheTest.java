package dev.pgwire.serve.sql;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A statement sent again reuses its translation only while everything it was made from holds. */
class TranslationCacheTest {

    /** A session whose user, settings, search_path and catalog version the test changes. */
    static final class Session implements SessionContext {
        String user = "alice";
        List<String> path = List.of("public");
        final Map<String, String> settings = new HashMap<>();
        long version = 7;

        @Override public String user() { return user; }
        @Override public String database() { return "shop"; }
        @Override public int backendPid() { return 4242; }
        @Override public String currentSchema() { return path.get(0); }
        @Override public List<String> currentSchemas(boolean implicit) { return path; }
        @Override public String setting(String name) { return settings.get(name); }
        @Override public String versionText() { return "PostgreSQL 15.0 (pgwire serve)"; }
        @Override public String setConfig(String name, String value, boolean isLocal) {
            settings.put(name, value);
            return value;
        }
        @Override public long catalogVersion() { return version; }
    }

    private final Session session = new Session();
    private final Translator translator = new Translator(session);

    @Test
    void aQuerySentAgainReusesItsTranslation() {
        Translation first = translator.translate("SELECT count(*) FROM t WHERE x = 1");
        Translation again = translator.translate("SELECT count(*) FROM t WHERE x = 1");
        assertThat(again).isSameAs(first);
        // declared parameter types are part of what it was made from
        Translation typed = translator.translate("SELECT $1", new int[] {23});
        assertThat(translator.translate("SELECT $1", new int[] {25})).isNotSameAs(typed);
        assertThat(translator.translate("SELECT $1", new int[] {23})).isSameAs(typed);
    }

    @Test
    void anAnswerOfTheSessionThatChangedMakesItAgain() {
        Translation asAlice = translator.translate("SELECT current_user");
        session.user = "bob";
        Translation asBob = translator.translate("SELECT current_user");
        assertThat(asBob).isNotSameAs(asAlice);
        assertThat(asBob.duckDbSql()).contains("'bob'").doesNotContain("alice");

        session.settings.put("app.tenant", "1");
        Translation one = translator.translate("SELECT current_setting('app.tenant')");
        assertThat(one.duckDbSql()).contains("'1'");
        session.settings.put("app.tenant", "2");
        assertThat(translator.translate("SELECT current_setting('app.tenant')").duckDbSql()).contains("'2'").doesNotContain("'1'");

        Translation inPublic = translator.translate("SELECT current_schema()");
        session.path = List.of("sales", "public");
        assertThat(translator.translate("SELECT current_schema()").duckDbSql()).contains("'sales'");
        assertThat(inPublic.duckDbSql()).contains("'public'");
    }

    @Test
    void aChangeOfTheCatalogMakesItAgain() {
        Translation before = translator.translate("SELECT a FROM t");
        session.version++;
        assertThat(translator.translate("SELECT a FROM t")).isNotSameAs(before);
        session.version = -1; // a transaction whose snapshot is older than the catalog: nothing is kept or reused
        Translation unkept = translator.translate("SELECT b FROM t");
        assertThat(translator.translate("SELECT b FROM t")).isNotSameAs(unkept);
    }

    @Test
    void aTranslationThatChangedTheSessionIsNotKept() {
        translator.translate("SELECT set_config('app.x', 'y', false)");
        assertThat(session.settings).containsEntry("app.x", "y");
        session.settings.remove("app.x");
        translator.translate("SELECT set_config('app.x', 'y', false)");
        assertThat(session.settings).containsEntry("app.x", "y");
        int kept = translator.kept();
        translator.translate("CREATE TABLE u (a int)");
        translator.translate("SET search_path = sales");
        assertThat(translator.kept()).isEqualTo(kept);
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < TranslationCache.MAX_ENTRIES + 50; i++) translator.translate("SELECT " + i);
        assertThat(translator.kept()).isEqualTo(TranslationCache.MAX_ENTRIES);
        String big = "SELECT '" + "x".repeat(TranslationCache.MAX_STATEMENT_CHARS) + "'";
        Translation t = translator.translate(big);
        assertThat(translator.translate(big)).isNotSameAs(t);
        String wide = "SELECT '" + "y".repeat(TranslationCache.MAX_STATEMENT_CHARS / 2) + "', ";
        for (int i = 0; i < 40; i++) translator.translate(wide + i);
        assertThat(translator.kept()).isLessThanOrEqualTo(TranslationCache.MAX_TOTAL_CHARS / (TranslationCache.MAX_STATEMENT_CHARS / 2));
    }
}
