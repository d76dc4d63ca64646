package dev.pgwire.compat.values;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import dev.pgwire.testkit.ExternalProcess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 7's silent-value cases ({@code src/test/resources/silent-values.json}), one test per case
 * and driver: pgjdbc, psycopg 3, asyncpg and node-postgres each run every case against serve and
 * against PostgreSQL 15, and each step's values, column names, reported types and SQLSTATEs must be
 * what the case expects. PostgreSQL must give the expected answer too, so the case file cannot drift
 * from PostgreSQL.
 *
 * <pre>mvn -pl compat test -Dtest=SilentValuesTest</pre>
 */
class SilentValuesTest {
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
    static final List<SilentValueCases.Case> CASES = SilentValueCases.load();

    @TestFactory
    List<DynamicTest> pgjdbc() {
        return tests("pgjdbc", (target, db) -> {
            try {
                return JdbcSilentValues.run(target, db, CASES);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("pgjdbc cannot connect to " + target + ": " + e, e);
            }
        });
    }

    @TestFactory
    List<DynamicTest> psycopg3() {
        return tests("psycopg", (target, db) -> script(Scripts.python("silent_values_psycopg.py",
                List.of(SilentValueCases.FILE.toString(), db, target.conninfo(db)), SCRIPT_TIMEOUT)));
    }

    @TestFactory
    List<DynamicTest> asyncpg() {
        return tests("asyncpg", (target, db) -> script(Scripts.python("silent_values_asyncpg.py",
                List.of(SilentValueCases.FILE.toString(), db, target.uri(db)), SCRIPT_TIMEOUT)));
    }

    @TestFactory
    List<DynamicTest> nodePostgres() {
        return tests("nodepg", (target, db) -> script(Scripts.node("silent_values_pg.js",
                List.of(SilentValueCases.FILE.toString(), db, target.uri(db)), SCRIPT_TIMEOUT)));
    }

    private static List<DynamicTest> tests(String driver,
            BiFunction<Target, String, List<List<SilentValueCases.Outcome>>> runner) {
        String db = "silent_" + driver;
        List<List<SilentValueCases.Outcome>> pg = runner.apply(Servers.postgres(), Servers.database(Servers.postgres(), db));
        List<List<SilentValueCases.Outcome>> serve = runner.apply(Servers.serve(), Servers.database(Servers.serve(), db));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            SilentValueCases.Case c = CASES.get(i);
            List<SilentValueCases.Outcome> pgCase = pg.get(i);
            List<SilentValueCases.Outcome> serveCase = serve.get(i);
            tests.add(DynamicTest.dynamicTest(driver + ": " + c.name(), () -> check(driver, db, c, pgCase, serveCase)));
        }
        return tests;
    }

    private static void check(String driver, String db, SilentValueCases.Case c,
            List<SilentValueCases.Outcome> pg, List<SilentValueCases.Outcome> serve) {
        List<String> pgProblems = problems(c, pg, db, true);
        if (!pgProblems.isEmpty()) {
            fail(c.name() + ": PostgreSQL itself (through " + driver + ") does not answer as the case says:\n" + String.join("\n", pgProblems));
        }
        List<String> serveProblems = problems(c, serve, db, false);
        if (!serveProblems.isEmpty()) {
            fail(c.name() + ": serve through " + driver + ":\n" + String.join("\n", serveProblems));
        }
    }

    private static List<String> problems(SilentValueCases.Case c, List<SilentValueCases.Outcome> outcomes, String db,
            boolean postgres) {
        List<String> problems = new ArrayList<>();
        for (int s = 0; s < c.steps().size(); s++) {
            SilentValueCases.Step step = c.steps().get(s);
            SilentValueCases.Outcome outcome = s < outcomes.size() ? outcomes.get(s)
                    : SilentValueCases.Outcome.error(null, "no outcome (the driver script stopped)");
            String why = SilentValueCases.mismatch(step.expect(), outcome, db, postgres);
            if (why != null) {
                problems.add("  step " + (s + 1) + ": " + step.sql()
                        + (step.params().isEmpty() ? "" : " params " + step.params())
                        + (step.binary() ? " [binary]" : "") + "\n    " + why);
            }
        }
        return problems;
    }

    /** Groups a script's JSON lines by case and step, with OIDs turned into type names. */
    @SuppressWarnings("unchecked")
    private static List<List<SilentValueCases.Outcome>> script(ExternalProcess.Result result) {
        List<List<SilentValueCases.Outcome>> out = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) out.add(new ArrayList<>());
        List<Map<String, Object>> lines;
        try {
            lines = Scripts.jsonLines(result);
        } catch (IllegalArgumentException e) {
            lines = List.of();
        }
        for (Map<String, Object> line : lines) {
            int ci = ((Number) line.get("case")).intValue();
            SilentValueCases.Outcome o;
            if (Boolean.TRUE.equals(line.get("ok"))) {
                List<List<String>> columns = new ArrayList<>();
                for (Object col : (List<Object>) line.get("columns")) {
                    List<Object> pair = (List<Object>) col;
                    columns.add(List.of((String) pair.get(0), SilentValueCases.typeName(pair.get(1))));
                }
                List<List<String>> rows = new ArrayList<>();
                for (Object row : (List<Object>) line.get("rows")) {
                    List<String> values = new ArrayList<>();
                    for (Object v : (List<Object>) row) values.add(v == null ? null : v.toString());
                    rows.add(values);
                }
                o = new SilentValueCases.Outcome(true, columns, rows, null, null);
            } else {
                o = SilentValueCases.Outcome.error((String) line.get("sqlstate"), (String) line.get("message"));
            }
            out.get(ci).add(o);
        }
        if (result.exitCode() != 0) {
            // The steps after a crash get the script's output as their outcome, so the failure says why.
            for (List<SilentValueCases.Outcome> c : out) {
                if (c.isEmpty()) c.add(SilentValueCases.Outcome.error(null, Scripts.describe(result)));
            }
        }
        return out;
    }
}
