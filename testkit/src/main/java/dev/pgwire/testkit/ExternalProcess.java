package dev.pgwire.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an external command to completion with a deadline.
 *
 * <p>Output goes to temporary files rather than pipes: a command that leaves a daemon behind
 * (pg_ctl starting postgres) would otherwise keep the pipe open and block the reader forever.
 * When the deadline passes, the whole process tree is killed and a {@link TimedOut} carrying the
 * output captured so far is thrown — a call never hangs.
 *
 * <pre>{@code
 * ExternalProcess.Result r = ExternalProcess.command(List.of("psql", "--version"))
 *         .env("PGCONNECT_TIMEOUT", "5")
 *         .timeout(Duration.ofSeconds(10))
 *         .run();
 * r.requireSuccess("psql --version");
 * }</pre>
 */
public final class ExternalProcess {

    /** How long a killed process tree gets to disappear before we give up waiting for it. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_POLL = Duration.ofMillis(5);

    /** Exit code and the complete standard output and error of a finished command (UTF-8). */
    public record Result(int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Returns this result, or throws {@link Failed} with the output when the exit code is not 0. */
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new Failed(what + " exited with " + exitCode + describeOutput(stdout, stderr), this);
            }
            return this;
        }
    }

    /** A command finished with a non-zero exit code where success was required. */
    public static final class Failed extends RuntimeException {
        private final transient Result result;

        Failed(String message, Result result) {
            super(message);
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    /** A command did not finish before its deadline; its process tree has been killed. */
    public static final class TimedOut extends RuntimeException {
        private final String stdout;
        private final String stderr;

        TimedOut(String message, String stdout, String stderr) {
            super(message);
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }
    }

    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private String stdin;
    private Duration timeout = Duration.ofSeconds(60);

    private ExternalProcess(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(command);
    }

    /** Starts describing a run of {@code command} (program first, then its arguments). */
    public static ExternalProcess command(List<String> command) {
        return new ExternalProcess(command);
    }

    /** Runs {@code command} in the current directory with no input and the given deadline. */
    public static Result run(List<String> command, Duration timeout) {
        return command(command).timeout(timeout).run();
    }

    /**
     * Runs {@code command} with {@code env} added to this JVM's environment, in {@code workDir}
     * (null: the current directory), with {@code stdin} as its input (null: empty input).
     */
    public static Result run(List<String> command, Map<String, String> env, Path workDir, String stdin,
            Duration timeout) {
        return command(command).env(env).workDir(workDir).stdin(stdin).timeout(timeout).run();
    }

    /** Adds or replaces one environment variable of the child process. */
    public ExternalProcess env(String name, String value) {
        env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Adds or replaces environment variables of the child process. */
    public ExternalProcess env(Map<String, String> variables) {
        if (variables != null) {
            variables.forEach(this::env);
        }
        return this;
    }

    public ExternalProcess workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** Text fed to the command's standard input (UTF-8); null means empty input. */
    public ExternalProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    public ExternalProcess timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Runs the command and waits for it.
     *
     * @throws TimedOut when the deadline passes (the process tree is killed first)
     * @throws UncheckedIOException when the command cannot be started
     */
    public Result run() {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("pgwire-proc-", ".out");
            err = Files.createTempFile("pgwire-proc-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin != null) {
                in = Files.createTempFile("pgwire-proc-", ".in");
                Files.writeString(in, stdin, StandardCharsets.UTF_8);
                builder.redirectInput(in.toFile());
            } else {
                builder.redirectInput(new File("/dev/null"));
            }
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().putAll(env);

            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                killTree(process);
                String stdout = read(out);
                String stderr = read(err);
                throw new TimedOut(command + " did not finish within " + timeout
                        + describeOutput(stdout, stderr), stdout, stderr);
            }
            return new Result(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new IllegalStateException("interrupted while waiting for " + process.info().command(), e);
        }
    }

    /** Kills the process and everything it started, and waits (bounded) for them to go away. */
    static void killTree(ProcessHandle root) {
        // Snapshot first: once the root dies its children are re-parented and no longer found.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            // ProcessHandle.onExit() of a non-child polls every 300 ms and up, and counts a zombie
            // awaiting its reaper as alive; a short poll on /proc is both faster and accurate.
            while (isRunning(handle.pid()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(KILL_POLL.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** True while the process exists and is not a zombie (Linux /proc; elsewhere ProcessHandle). */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.UTF_8);
            // Format: "pid (comm) state ..."; comm may itself contain ')'.
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static void killTree(Process process) {
        killTree(process.toHandle());
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    static String describeOutput(String stdout, String stderr) {
        StringBuilder sb = new StringBuilder();
        if (!stdout.isBlank()) {
            sb.append("\n--- stdout ---\n").append(stdout.strip());
        }
        if (!stderr.isBlank()) {
            sb.append("\n--- stderr ---\n").append(stderr.strip());
        }
        return sb.toString();
    }
}
