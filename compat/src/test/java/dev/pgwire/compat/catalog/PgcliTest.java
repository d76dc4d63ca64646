package dev.pgwire.compat.catalog;

import dev.pgwire.compat.ServeErrors;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import dev.pgwire.testkit.ExternalProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * pgcli (Debian's package) in a tmux terminal against serve and PostgreSQL over the catalog schema:
 * its describe commands ({@code \dt}, {@code \d T}, …, answered by pgspecial's own catalog queries)
 * and its completion of tables, schema-qualified tables, columns and functions (from the metadata
 * pgcli loads at connect) must show on serve's screen what they show on PostgreSQL's.
 *
 * <pre>mvn -pl compat test -Dtest=PgcliTest</pre>
 */
class PgcliTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROMPT = "pgcli> ";

    /** The describe commands, run one after the other in one pgcli session. */
    private static final List<String> COMMANDS = List.of("\\dt", "\\dt app.*", "\\d orders", "\\d customers",
            "\\dv", "\\di", "\\df", "\\dn", "\\dT");

    /** Text typed before Tab, and an item its completion menu must offer on both servers. */
    private static final Map<String, String> COMPLETIONS = new LinkedHashMap<>();

    static {
        COMPLETIONS.put("SELECT * FROM cu", "customers");
        COMPLETIONS.put("SELECT * FROM app.", "items");
        COMPLETIONS.put("SELECT * FROM orders WHERE cust", "customer_id");
        COMPLETIONS.put("SELECT am", "amount");
        COMPLETIONS.put("SELECT add_", "add_one");
        COMPLETIONS.put("SELECT * FROM big_", "big_orders");
    }

    @BeforeAll
    static void schema() {
        CatalogSchema.loadBoth();
    }

    @Test
    void describesAndCompletesLikePostgres() {
        int mark = ServeErrors.mark();
        // the two sessions side by side: each mostly waits on its terminal
        CompletableFuture<Map<String, String>> onPostgres = CompletableFuture.supplyAsync(() -> session(Servers.postgres()));
        Map<String, String> serve = session(Servers.serve());
        Map<String, String> pg = onPostgres.join();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : pg.entrySet()) {
            String got = serve.get(e.getKey());
            if (!e.getValue().equals(got)) {
                problems.add(e.getKey() + ":\n--- PostgreSQL ---\n" + e.getValue() + "\n--- serve ---\n" + got);
            }
        }
        if (!problems.isEmpty()) {
            List<ServeErrors.Error> refused = ServeErrors.since(mark, CatalogSchema.DATABASE);
            fail("pgcli against serve differs from PostgreSQL:\n" + String.join("\n", problems)
                    + (refused.isEmpty() ? "" : "\nstatements serve refused:" + ServeErrors.describe(refused)));
        }
    }

    /** One pgcli session: each command's and each completion's screen, by what was typed. */
    private static Map<String, String> session(Target target) {
        Map<String, String> screens = new LinkedHashMap<>();
        try (Terminal term = new Terminal(target)) {
            term.waitFor(s -> lastLine(s).equals(PROMPT.strip()), "the first prompt");
            // pgcli loads its completion metadata in the background after connecting: a function
            // offered means the load has reached its end (functions come last)
            term.completion("SELECT add_", "add_one", true);
            for (String command : COMMANDS) screens.put(command, term.command(command));
            for (Map.Entry<String, String> c : COMPLETIONS.entrySet()) {
                screens.put(c.getKey() + "<Tab>", menu(term.completion(c.getKey(), c.getValue(), false)));
            }
        }
        return screens;
    }

    /**
     * The completion menu below the input line. The input line itself is left out: pgcli
     * completes while typing, so whether Tab opened the menu or already took its first item
     * depends on how fast the menu came.
     */
    private static String menu(String screen) {
        return String.join("\n", screen.lines().skip(1).map(String::strip).toList());
    }

    private static String lastLine(String screen) {
        String[] lines = screen.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** pgcli in a detached tmux session of its own (own socket, own home directory). */
    private static final class Terminal implements AutoCloseable {
        private final Path dir;
        private final String socket;
        private final Target target;

        Terminal(Target target) {
            this.target = target;
            try {
                dir = Files.createTempDirectory("pgcli-" + target.name());
                Files.writeString(dir.resolve("pgclirc"), String.join("\n",
                        "[main]", "smart_completion = True", "multi_line = False", "less_chatty = True",
                        "enable_pager = False", "pager = cat", "show_bottom_toolbar = False",
                        "prompt = '" + PROMPT + "'", "log_file = " + dir.resolve("log"),
                        "history_file = " + dir.resolve("history"), "keyword_casing = upper",
                        "[colors]", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            socket = dir.resolve("tmux.sock").toString();
            // when pgcli ends, the pane keeps its last screen (cat waits on the terminal until kill-server)
            String pgcli = "env HOME='" + dir + "' PGPASSWORD='" + target.password() + "' TERM=xterm PROMPT_TOOLKIT_NO_CPR=1 pgcli --pgclirc '"
                    + dir.resolve("pgclirc") + "' -h " + target.host() + " -p " + target.port() + " -U " + target.user()
                    + " -d " + CatalogSchema.DATABASE + "; echo \"pgcli exited with status $?\"; exec cat";
            tmux("new-session", "-d", "-s", "pgcli", "-x", "200", "-y", "80", pgcli);
        }

        /** Runs a describe command on a cleared screen and returns its output, timings masked. */
        String command(String text) {
            clear(text);
            type(text);
            keys("Enter");
            String screen = waitFor(s -> s.strip().split("\n").length > 1 && lastLine(s).equals(PROMPT.strip()),
                    "the output of " + text);
            return screen.replaceAll("(?m)^Time: .*$", "Time: <time>").strip();
        }

        /**
         * Types {@code text}, presses Tab and returns the screen once the menu offers {@code expected}
         * (or, when it never does, the screen it shows). With {@code retry}, presses Tab again on a
         * new line until it does: for the metadata pgcli is still loading.
         */
        String completion(String text, String expected, boolean retry) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                clear(text);
                type(text);
                keys("Tab");
                Predicate<String> offered = s -> s.lines().skip(1).anyMatch(l -> l.contains(expected));
                String screen = poll(offered, Duration.ofSeconds(retry ? 2 : 10));
                if (offered.test(screen)) return screen.strip();
                if (!retry) return screen.strip();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(target + ": pgcli never offered " + expected + " for " + text + ":\n" + screen
                            + "\n--- pgcli log ---\n" + log());
                }
            }
        }

        /** Drops what was typed (and its completion menu) and clears the screen. */
        private void clear(String next) {
            keys("C-c");
            waitFor(s -> lastLine(s).equals(PROMPT.strip()), "a new prompt before " + next);
            keys("C-l");
            waitFor(s -> s.strip().equals(PROMPT.strip()), "a cleared screen before " + next);
        }

        String waitFor(Predicate<String> ready, String what) {
            String screen = poll(ready, WAIT);
            if (!ready.test(screen)) {
                throw new AssertionError(target + ": pgcli did not show " + what + " within " + WAIT.toSeconds()
                        + " s; the screen:\n" + screen + "\n--- pgcli log ---\n" + log());
            }
            return screen;
        }

        /** The screen once {@code ready} holds for it, or the last screen seen when time is up. */
        private String poll(Predicate<String> ready, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String screen = screen();
            while (!ready.test(screen) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                screen = screen();
            }
            return screen;
        }

        private String screen() {
            return tmux("capture-pane", "-p", "-t", "pgcli").stdout();
        }

        private void type(String text) {
            tmux("send-keys", "-t", "pgcli", "-l", text);
        }

        private void keys(String key) {
            tmux("send-keys", "-t", "pgcli", key);
        }

        private String log() {
            try {
                Path log = dir.resolve("log");
                return Files.exists(log) ? Files.readString(log) : "(none)";
            } catch (IOException e) {
                return e.toString();
            }
        }

        private ExternalProcess.Result tmux(String... args) {
            List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
            command.addAll(List.of(args));
            return ExternalProcess.run(command, Duration.ofSeconds(10)).requireSuccess("tmux " + args[0]);
        }

        @Override
        public void close() {
            try {
                ExternalProcess.run(List.of("tmux", "-S", socket, "kill-server"), Duration.ofSeconds(10));
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }
        }
    }
}
