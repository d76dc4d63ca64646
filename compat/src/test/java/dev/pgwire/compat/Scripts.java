package dev.pgwire.compat;

import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the client scripts of this module: {@code compat/src/test/python/*.py} with python3 and
 * {@code compat/src/test/node/*.js} with node (its node_modules installed by {@code .ci/install-deps}).
 * Scripts print one JSON object per line; {@link #jsonLines} reads them.
 */
public final class Scripts {
    private Scripts() {
    }

    public static Path moduleDir() {
        return Clients.repoRoot().resolve("compat");
    }

    public static Path pythonDir() {
        return moduleDir().resolve("src/test/python");
    }

    public static Path nodeDir() {
        return moduleDir().resolve("src/test/node");
    }

    public static Path resources() {
        return moduleDir().resolve("src/test/resources");
    }

    public static ExternalProcess.Result python(String script, List<String> args, Duration timeout) {
        return python(script, args, Map.of(), timeout);
    }

    public static ExternalProcess.Result python(String script, List<String> args, Map<String, String> env,
            Duration timeout) {
        List<String> command = new ArrayList<>(List.of("python3", existing(pythonDir().resolve(script)).toString()));
        command.addAll(args);
        return ExternalProcess.command(command)
                .env(Map.of("PYTHONIOENCODING", "utf-8", "PYTHONDONTWRITEBYTECODE", "1"))
                .env(env).workDir(pythonDir()).timeout(timeout).run();
    }

    public static ExternalProcess.Result node(String script, List<String> args, Duration timeout) {
        Path dir = nodeDir();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(dir.resolve("node_modules")
                    + " is missing: run .ci/install-deps (or npm ci in " + dir + ")");
        }
        List<String> command = new ArrayList<>(List.of("node", existing(dir.resolve(script)).toString()));
        command.addAll(args);
        return ExternalProcess.command(command).workDir(dir).timeout(timeout).run();
    }

    public static List<Map<String, Object>> jsonLines(ExternalProcess.Result result) {
        return Clients.jsonLines(result);
    }

    /** The script's output for a failure message: its JSON lines are usually enough, stderr explains a crash. */
    public static String describe(ExternalProcess.Result r) {
        String err = r.stderr().strip();
        if (err.length() > 6000) err = "..." + err.substring(err.length() - 6000);
        return "exit " + r.exitCode() + "\n--- stdout ---\n" + r.stdout().strip() + "\n--- stderr ---\n" + err;
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no script " + p);
        return p;
    }
}
