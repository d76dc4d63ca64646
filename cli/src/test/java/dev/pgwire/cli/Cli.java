package dev.pgwire.cli;

import dev.pgwire.server.PgServer;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@code pgwire} command line in-process with captured stdout and stderr. Every run
 * happens on its own thread, so a {@code serve} that starts when a test expected it to fail is
 * stopped and reported instead of blocking the test forever.
 */
final class Cli {
    private static final long TIMEOUT_SECONDS = 60;

    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command that is expected to finish on its own. */
    static Result run(String... args) {
        return runWithStdin("", args);
    }

    static Result runWithStdin(String stdin, String... args) {
        Invocation inv = new Invocation(stdin, args);
        CompletableFuture<Object> first = CompletableFuture.anyOf(inv.done, inv.serve.started());
        try {
            first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // serve failed to start; the command reports it and finishes
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("pgwire " + String.join(" ", args) + " did not finish", e);
        }
        if (inv.serve.started().isDone() && !inv.serve.started().isCompletedExceptionally()) {
            inv.serve.stop();
            throw new AssertionError("pgwire " + String.join(" ", args) + " started a server instead of failing: " + inv.result());
        }
        return inv.result();
    }

    /** Starts {@code pgwire serve ...}; close the result to stop it. */
    static Serving serve(String... serveArgs) {
        String[] args = new String[serveArgs.length + 1];
        args[0] = "serve";
        System.arraycopy(serveArgs, 0, args, 1, serveArgs.length);
        Invocation inv = new Invocation("", args);
        try {
            PgServer server = inv.serve.started().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Serving(inv, server);
        } catch (ExecutionException e) {
            throw new AssertionError("pgwire " + String.join(" ", args) + " did not start: " + inv.result(), e);
        } catch (InterruptedException | TimeoutException e) {
            inv.serve.stop();
            throw new AssertionError("pgwire " + String.join(" ", args) + " did not start in time", e);
        }
    }

    /** A running {@code pgwire serve}. */
    static final class Serving implements AutoCloseable {
        private final Invocation inv;
        final PgServer server;

        private Serving(Invocation inv, PgServer server) {
            this.inv = inv;
            this.server = server;
        }

        int port() {
            return server.port();
        }

        String out() {
            return inv.out.toString();
        }

        /** Stops the server as SIGTERM would and returns how the command ended. */
        Result stop() {
            inv.serve.stop();
            return inv.result();
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static final class Invocation {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ServeCommand serve;
        final CompletableFuture<Integer> done = new CompletableFuture<>();

        Invocation(String stdin, String[] args) {
            CommandLine cl = Main.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            serve = cl.getSubcommands().get("serve").getCommand();
            Thread t = new Thread(() -> {
                try {
                    done.complete(cl.execute(args));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "pgwire-cli-test");
            t.setDaemon(true);
            t.start();
        }

        Result result() {
            try {
                return new Result(done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), out.toString(), err.toString());
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new AssertionError("the command did not finish: stdout " + out + ", stderr " + err, e);
            }
        }
    }
}
