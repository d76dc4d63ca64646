package dev.pgwire.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the external PostgreSQL clients the integration tests drive a server with: the scripts in
 * {@code testkit/clients/python} and {@code testkit/clients/node}, and psql.
 *
 * <p>The scripts take a libpq conninfo (or URI) and SQL statements, and print one JSON line per
 * statement — {@code {"ok":true,"status":"SELECT 1","columns":["a"],"rows":[["1"]]}} or
 * {@code {"ok":false,"sqlstate":"42P01","message":"..."}} — with every value in the server's text
 * form, so the same expectation holds for every client. {@link #jsonLines} parses that output.
 *
 * <pre>{@code
 * ExternalProcess.Result r = Clients.python("run_psycopg.py",
 *         List.of(cluster.conninfo("postgres"), "SELECT 1 AS a"), Map.of(), Duration.ofSeconds(30));
 * List<Map<String, Object>> results = Clients.jsonLines(r);
 * }</pre>
 */
public final class Clients {

    private static volatile Path repoRoot;

    private Clients() {
    }

    /**
     * The source tree root: the nearest directory, from {@code user.dir} upwards, containing
     * {@code testkit/clients} (Maven runs module tests in the module directory).
     */
    public static Path repoRoot() {
        Path root = repoRoot;
        if (root == null) {
            Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("testkit/clients"))) {
                    root = p;
                    break;
                }
            }
            if (root == null) {
                throw new IllegalStateException("no directory containing testkit/clients above " + start);
            }
            repoRoot = root;
        }
        return root;
    }

    public static Path pythonDir() {
        return repoRoot().resolve("testkit/clients/python");
    }

    public static Path nodeDir() {
        return repoRoot().resolve("testkit/clients/node");
    }

    /** Runs {@code python3 testkit/clients/python/<scriptName> args...} with {@code env} added. */
    public static ExternalProcess.Result python(String scriptName, List<String> args, Map<String, String> env,
            Duration timeout) {
        Path script = existing(pythonDir().resolve(scriptName));
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(args);
        Map<String, String> fullEnv = new HashMap<>();
        fullEnv.put("PYTHONIOENCODING", "utf-8");
        fullEnv.put("PYTHONDONTWRITEBYTECODE", "1");
        fullEnv.putAll(env);
        return ExternalProcess.command(command).env(fullEnv).workDir(pythonDir()).timeout(timeout).run();
    }

    /**
     * Runs {@code node <scriptName> args...} in {@code testkit/clients/node}, so that its
     * node_modules (installed by {@code .ci/install-deps}) resolve.
     */
    public static ExternalProcess.Result node(String scriptName, List<String> args, Map<String, String> env,
            Duration timeout) {
        Path dir = nodeDir();
        Path script = existing(dir.resolve(scriptName));
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(dir.resolve("node_modules")
                    + " is missing: run .ci/install-deps (or npm ci in " + dir + ")");
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(args);
        return ExternalProcess.command(command).env(env).workDir(dir).timeout(timeout).run();
    }

    /**
     * Runs psql with {@code -X -w} (no psqlrc, never prompt for a password) followed by
     * {@code args}, feeding {@code stdin} (may be null) as its input.
     */
    public static ExternalProcess.Result psql(List<String> args, String stdin, Map<String, String> env,
            Duration timeout) {
        Path bundled = PgCluster.BIN.resolve("psql");
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(bundled) ? bundled.toString() : "psql");
        command.add("-X");
        command.add("-w");
        command.addAll(args);
        return ExternalProcess.command(command).env(env).stdin(stdin).timeout(timeout).run();
    }

    /** Parses every non-blank line of the result's stdout as a JSON object, in order. */
    public static List<Map<String, Object>> jsonLines(ExternalProcess.Result result) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.isBlank()) {
                try {
                    objects.add(Json.parseObject(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "\nin client output:\n" + result.stdout()
                            + ExternalProcess.describeOutput("", result.stderr()), e);
                }
            }
        }
        return objects;
    }

    private static Path existing(Path script) {
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no client script " + script);
        }
        return script;
    }
}
