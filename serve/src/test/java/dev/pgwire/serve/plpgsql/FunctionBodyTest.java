package dev.pgwire.serve.plpgsql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.ColumnReferences;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SessionContext;
import dev.pgwire.serve.sql.SqlType;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.Translator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PL/pgSQL function bodies compiled into one expression, and the bodies that cannot be. */
class FunctionBodyTest {

    private static final SessionContext SESSION = new SessionContext() {
        @Override public String user() { return "alice"; }
        @Override public String database() { return "shop"; }
        @Override public int backendPid() { return 4242; }
        @Override public String currentSchema() { return "public"; }
        @Override public List<String> currentSchemas(boolean implicit) {
            return implicit ? List.of("pg_catalog", "public") : List.of("public");
        }
        @Override public String setting(String name) { return null; }
        @Override public String versionText() { return "PostgreSQL 15.0 (pgwire serve)"; }
    };

    private static final PgTypeName INT4 = new PgTypeName("int4", -1, 0, true);
    private static final PgTypeName TEXT = new PgTypeName("text", -1, 0, true);

    /** Compiles {@code body} of a function f(a int, b int) returning {@code returns}. */
    private static String compile(String body, PgTypeName returns) {
        String create = "CREATE FUNCTION f(a int, b int) RETURNS " + returns.name() + " LANGUAGE plpgsql AS $body$" + body + "$body$";
        // the expression's type as the translation tells it, the parameters as int4
        FunctionBody.Typing typing = expression -> {
            String typed = ColumnReferences.apply("SELECT " + expression,
                    names -> names.size() == 1 && List.of("a", "b").contains(names.get(0)) ? "CAST(NULL AS int4)" : null,
                    n -> "CAST(NULL AS int4)");
            Translation t = new Translator(SESSION).translate(typed);
            return t.resultTypes() == null || t.resultTypes().isEmpty() ? null : t.resultType(0);
        };
        return FunctionBody.compile(PgParser.parsePlpgsqlFunction(create, "f"), "f", List.of("a", "b"), returns, typing);
    }

    private static PgException refusal(String body) {
        try {
            compile(body, INT4);
        } catch (PgException e) {
            return e;
        }
        throw new AssertionError("compiled: " + body);
    }

    @Test
    void returnOfAnExpressionOfTheResultTypeIsTheExpression() {
        assertThat(compile("BEGIN RETURN a + b; END", INT4)).isEqualTo("a + b");
        assertThat(compile("BEGIN RETURN $1 * 2; END", INT4)).isEqualTo("$1 * 2");
    }

    @Test
    void returnOfAnotherTypeIsAssignedAsPlpgsqlAssigns() {
        // numeric to int4 has an assignment cast (it rounds)
        assertThat(compile("BEGIN RETURN a / 2.0; END", INT4)).isEqualTo("CAST((a / 2.0) AS int4)");
        // int4 to boolean has only an explicit cast: PL/pgSQL converts through text
        assertThat(compile("BEGIN RETURN a; END", new PgTypeName("bool", -1, 0, true)))
                .isEqualTo("CAST(CAST((a) AS text) AS bool)");
    }

    @Test
    void returnNullAndUnsetVariablesAreNullsOfTheirType() {
        assertThat(compile("DECLARE s text; BEGIN IF a > 0 THEN RETURN NULL; END IF; RETURN s; END", TEXT))
                .isEqualTo("CASE WHEN a > 0 THEN NULL ELSE (CAST(NULL AS text)) END");
    }

    @Test
    void ifBecomesCaseAndAPathWithoutReturnRaises2F005() {
        assertThat(compile("BEGIN IF a > 0 THEN RETURN 'p'; ELSIF a < 0 THEN RETURN 'n'; END IF; END", TEXT))
                .isEqualTo("CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE " + FunctionBody.NO_RETURN + " END");
    }

    @Test
    void statementsAfterAnIfRunOnEachPathThatLeavesIt() {
        assertThat(compile("BEGIN IF a > 0 THEN IF b > 0 THEN RETURN 1; END IF; RETURN 2; END IF; RETURN 3; END", INT4))
                .isEqualTo("CASE WHEN a > 0 THEN CASE WHEN b > 0 THEN 1 ELSE 2 END ELSE 3 END");
    }

    @Test
    void variablesAreSubstitutedWithTheirValuesInOrder() {
        assertThat(compile("DECLARE x int := a + 1; y int; BEGIN y := x * b; x := 0; RETURN x + y; END", INT4))
                .isEqualTo("(0) + ((a + 1) * b)"); // values of the variable's type need no cast
        assertThat(compile("DECLARE n numeric(10,2) := a; BEGIN RETURN n; END", INT4))
                .isEqualTo("CAST(((CAST((a) AS numeric(10,2)))) AS int4)");
    }

    @Test
    void parametersCanBeAssignedAndCommentsEndWhereTheyEnd() {
        assertThat(compile("BEGIN a := a * 2; -- doubled\n IF a > 10 THEN RETURN a -- big\n; END IF; RETURN 0 /* small */; END", INT4))
                .isEqualTo("CASE WHEN (a * 2) > 10 THEN (a * 2) ELSE 0 END");
    }

    @Test
    void assignmentsInABranchReachOnlyThatBranchsRest() {
        assertThat(compile("DECLARE x int := 1; BEGIN IF a > 0 THEN x := 2; END IF; RETURN x; END", INT4))
                .isEqualTo("CASE WHEN a > 0 THEN (2) ELSE (1) END");
        assertThat(compile("DECLARE x text := 'n'; BEGIN IF a > 0 THEN x := a; END IF; RETURN x; END", TEXT))
                .isEqualTo("CASE WHEN a > 0 THEN (CAST((a) AS text)) ELSE ('n') END");
    }

    @Test
    void qualifiedNamesAndFoundResolve() {
        assertThat(compile("<<blk>> DECLARE x int := f.a; BEGIN IF found THEN RETURN 0; END IF; RETURN blk.x; END", INT4))
                .isEqualTo("CASE WHEN (false) THEN 0 ELSE (a) END");
    }

    @Test
    void caseStatementComparesItsValueComputedOnceAndWithoutElseRaises20000() {
        assertThat(compile("BEGIN CASE a + 1 WHEN 1, 2 THEN RETURN 10; WHEN 3 THEN RETURN 30; END CASE; END", INT4))
                .isEqualTo("CASE WHEN (a + 1) IN (1, 2) THEN 10 WHEN (a + 1) IN (3) THEN 30 ELSE " + FunctionBody.CASE_NOT_FOUND + " END");
        assertThat(compile("BEGIN CASE WHEN a > 0 THEN RETURN 1; ELSE RETURN 2; END CASE; END", INT4))
                .isEqualTo("CASE WHEN a > 0 THEN 1 ELSE 2 END");
        assertThat(refusal("BEGIN CASE random() WHEN 1 THEN RETURN 1; WHEN 2 THEN RETURN 2; END CASE; END").detail())
                .contains("volatile");
    }

    @Test
    void raiseExceptionIsAnErrorWithSqlstateAndMessage() {
        assertThat(compile("BEGIN IF a < 0 THEN RAISE EXCEPTION 'bad % (%%)', a; END IF; RETURN a; END", INT4))
                .isEqualTo("CASE WHEN a < 0 THEN error('[pgwire:P0001] ' || 'bad ' || coalesce(CAST((a) AS text), '<NULL>')"
                        + " || ' (%)') ELSE a END");
        assertThat(compile("BEGIN RAISE division_by_zero; END", INT4)).isEqualTo("error('[pgwire:22012] ' || 'division_by_zero')");
    }

    @Test
    void raiseUsingSetsCodeMessageDetailAndHint() {
        assertThat(compile("BEGIN RAISE EXCEPTION 'taken' USING ERRCODE = 'unique_violation', DETAIL = 'key ' || a, HINT = 'retry'; END", INT4))
                .isEqualTo("error('[pgwire:23505] ' || 'taken' || '\n[pgwire:detail] ' || CASE WHEN ('key ' || a) IS NULL"
                        + " THEN error('[pgwire:22004] RAISE statement option cannot be null') ELSE CAST(('key ' || a) AS text) END"
                        + " || '\n[pgwire:hint] ' || CASE WHEN ('retry') IS NULL THEN error('[pgwire:22004] RAISE statement option"
                        + " cannot be null') ELSE CAST(('retry') AS text) END)");
        // without a message, the SQLSTATE is the message; an unknown condition is PostgreSQL's error when the RAISE runs
        assertThat(compile("BEGIN RAISE EXCEPTION USING ERRCODE = '22012'; END", INT4)).isEqualTo("error('[pgwire:22012] ' || '22012')");
        assertThat(compile("BEGIN RAISE EXCEPTION USING ERRCODE = 'no_such_thing'; END", INT4))
                .isEqualTo("error('[pgwire:42704] unrecognized exception condition \"no_such_thing\"')");
        assertThat(refusal("BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'P' || '0001'; END").detail()).contains("computed code");
        assertThat(refusal("BEGIN RAISE EXCEPTION 'x' USING TABLE = 't'; END").detail()).contains("TABLE");
        assertThat(compile("BEGIN RAISE EXCEPTION USING ERRCODE = 'division_by_zero'; END", INT4))
                .isEqualTo("error('[pgwire:22012] ' || 'division_by_zero')");
        // an option given twice is PostgreSQL's error when the RAISE runs
        assertThat(compile("BEGIN RAISE EXCEPTION 'x' USING MESSAGE = 'y'; END", INT4))
                .isEqualTo("error('[pgwire:42601] RAISE option already specified: MESSAGE')");
    }

    @Test
    void returnWithoutExpressionIsPostgresqlsSyntaxError() {
        assertThatThrownBy(() -> compile("BEGIN RETURN; END", INT4)).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42601"));
    }

    @Test
    void everyOtherConstructIsRefusedByName() {
        assertThat(refusal("DECLARE t int := 0; BEGIN FOR i IN 1..a LOOP t := t + i; END LOOP; RETURN t; END").detail())
                .contains("a FOR loop");
        assertThat(refusal("BEGIN WHILE a > 0 LOOP RETURN 1; END LOOP; RETURN 0; END").detail()).contains("a WHILE loop");
        assertThat(refusal("DECLARE n int; BEGIN SELECT count(*) INTO n FROM t; RETURN n; END").detail()).contains("SELECT INTO");
        assertThat(refusal("BEGIN PERFORM 1; RETURN 1; END").detail()).contains("PERFORM");
        assertThat(refusal("BEGIN RETURN 1; EXCEPTION WHEN others THEN RETURN 2; END").detail()).contains("an EXCEPTION block");
        assertThat(refusal("BEGIN EXECUTE 'select 1'; RETURN 1; END").detail()).contains("EXECUTE");
        assertThat(refusal("BEGIN RAISE NOTICE 'x'; RETURN 1; END").detail()).contains("RAISE below EXCEPTION");
        assertThat(refusal("BEGIN RETURN a FROM t; END").detail()).contains("a query as an expression");
        assertThat(refusal("DECLARE r record; BEGIN RETURN 1; END").detail()).contains("record");
        assertThat(refusal("DECLARE s varchar(3) := 'abcdef'; BEGIN RETURN 1; END").detail()).contains("length-limited");
        assertThat(refusal("BEGIN BEGIN RETURN 1; END; END").detail()).contains("a nested BEGIN");
    }

    @Test
    void branchesThatWouldRepeatTheRestTooOftenAreRefusedEarly() {
        StringBuilder body = new StringBuilder("DECLARE x int := 0; BEGIN ");
        for (int i = 0; i < 40; i++) body.append("IF a > ").append(i).append(" THEN x := x + 1; END IF; ");
        body.append("RETURN x; END");
        long start = System.nanoTime();
        assertThat(refusal(body.toString()).detail()).contains("this many branches");
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L); // 2^40 repetitions would never end
    }

    @Test
    void aVolatileValueIsNotComputedTwiceOrNotAtAll() {
        assertThat(refusal("DECLARE x float8 := random(); BEGIN RETURN x + x; END").detail()).contains("volatile");
        assertThat(refusal("DECLARE x int := nextval('s'); BEGIN RETURN 1; END").detail()).contains("volatile");
        assertThat(compile("DECLARE x float8 := random(); BEGIN RETURN x; END", new PgTypeName("float8", -1, 0, true)))
                .isEqualTo("(random())");
    }
}
