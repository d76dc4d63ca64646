package dev.pgwire.compat;

import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One run of a tool script (see {@code steps.py} / {@code steps.js}) against one side: the steps
 * it printed, by name, and the errors serve answered meanwhile.
 */
public final class ToolRun {
    private final Target target;
    private final String database;
    private final ExternalProcess.Result result;
    private final Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
    private final List<ServeErrors.Error> serveErrors;

    private ToolRun(Target target, String database, ExternalProcess.Result result, List<ServeErrors.Error> serveErrors) {
        this.target = target;
        this.database = database;
        this.result = result;
        this.serveErrors = serveErrors;
        // Tools print their own lines too (Knex's migration messages): only step objects count.
        for (String line : result.stdout().split("\n")) {
            if (!line.startsWith("{\"step\"")) continue;
            try {
                Map<String, Object> step = Json.parseObject(line);
                steps.put((String) step.get("step"), step);
            } catch (IllegalArgumentException e) {
                // a torn line: the step shows as missing, and failures() prints the raw output
            }
        }
    }

    /** Runs {@code script} against {@code target} in database {@code database} (created if needed). */
    public static ToolRun run(Target target, String database, BiFunction<Target, String, ExternalProcess.Result> script) {
        Servers.database(target, database);
        int mark = ServeErrors.mark();
        ExternalProcess.Result r = script.apply(target, database);
        return new ToolRun(target, database, r, ServeErrors.since(mark, database));
    }

    public Map<String, Map<String, Object>> steps() {
        return steps;
    }

    public Object value(String step) {
        Map<String, Object> s = steps.get(step);
        return s == null ? null : s.get("value");
    }

    public List<ServeErrors.Error> serveErrors() {
        return serveErrors;
    }

    /** Failed or missing steps, with the tool's message and SQL and, for serve, the statements it refused. */
    public List<String> failures(List<String> expectedSteps) {
        List<String> out = new ArrayList<>();
        for (String name : expectedSteps) {
            Map<String, Object> s = steps.get(name);
            if (s == null) {
                out.add("step '" + name + "' did not run");
            } else if (!Boolean.TRUE.equals(s.get("ok"))) {
                out.add("step '" + name + "' failed: " + firstLines(String.valueOf(s.get("error")), 6)
                        + (s.get("sqlstate") != null ? "\n    SQLSTATE " + s.get("sqlstate") : "")
                        + (s.get("sql") != null ? "\n    tool's SQL: " + s.get("sql") : ""));
            }
        }
        boolean missing = expectedSteps.stream().anyMatch(n -> !steps.containsKey(n));
        if (!out.isEmpty() && (result.exitCode() != 0 || missing)) out.add("script: " + Scripts.describe(result));
        if (!out.isEmpty() && target.isServe() && !serveErrors.isEmpty()) {
            out.add("statements serve refused during the run:" + ServeErrors.describe(serveErrors));
        }
        return out;
    }

    /**
     * Runs the script on PostgreSQL, then on serve: every step must pass on both, and the steps in
     * {@code sameValueSteps} must give serve the value PostgreSQL gave, after {@code mask}.
     */
    public static void assertLikePostgres(String tool, String database, List<String> expectedSteps,
            List<String> sameValueSteps, Function<Object, Object> mask,
            BiFunction<Target, String, ExternalProcess.Result> script) {
        ToolRun pg = run(Servers.postgres(), database, script);
        List<String> pgFailures = pg.failures(expectedSteps);
        if (!pgFailures.isEmpty()) {
            fail(tool + " fails against PostgreSQL itself (the test or the environment is wrong):\n  "
                    + String.join("\n  ", pgFailures));
        }
        ToolRun serve = run(Servers.serve(), database, script);
        List<String> problems = new ArrayList<>(serve.failures(expectedSteps));
        for (String step : sameValueSteps) {
            Map<String, Object> s = serve.steps.get(step);
            if (s == null || !Boolean.TRUE.equals(s.get("ok"))) continue;
            Object want = mask.apply(pg.value(step));
            Object got = mask.apply(serve.value(step));
            if (!Objects.equals(want, got)) {
                problems.add("step '" + step + "' differs from PostgreSQL:\n    PostgreSQL: " + want + "\n    serve:      " + got);
            }
        }
        if (!problems.isEmpty() && serve.failures(expectedSteps).isEmpty() && !serve.serveErrors.isEmpty()) {
            problems.add("statements serve refused during the run:" + ServeErrors.describe(serve.serveErrors));
        }
        if (!problems.isEmpty()) fail(tool + " against serve:\n  " + String.join("\n  ", problems));
    }

    private static String firstLines(String s, int n) {
        List<String> lines = s.lines().limit(n).toList();
        return String.join("\n    ", lines);
    }
}
