package dev.pgwire.cli;

import dev.pgwire.server.auth.CredentialFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code pgwire user ...}: manages the credentials file that {@code serve --credentials-file} reads. */
@Command(name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage users of a credentials file (SCRAM-SHA-256 verifiers and md5 hashes, never plaintext).",
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of " + spec.subcommands().keySet());
    }

    /**
     * {@code pgwire user add}: asks for the password twice on a terminal, or reads the first line
     * of stdin otherwise ({@code pgwire user add ... < file}), and stores the user's verifiers.
     */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user to a credentials file, or change the user's password.",
                    "The password is asked twice on a terminal, else read from the first line of stdin."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--credentials-file", paramLabel = "FILE", required = true,
                description = "The file to update; created with mode 0600 if missing.")
        Path credentialsFile;

        @Option(names = "--user", paramLabel = "NAME", required = true, description = "The user name.")
        String user;

        private final InputStream stdin;

        Add(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public Integer call() {
            String password = readPassword();
            if (password.isEmpty()) throw new CliException("empty password: nothing stored");
            try {
                CredentialFile.addUser(credentialsFile, user, password);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CliException("cannot update " + credentialsFile + ": " + message(e), e);
            }
            spec.commandLine().getOut().println("stored SCRAM-SHA-256 and md5 verifiers for user \"" + user + "\" in " + credentialsFile);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private String readPassword() {
            Console console = System.console();
            if (console != null && stdin == System.in) {
                char[] first = console.readPassword("Password for user %s: ", user);
                char[] again = console.readPassword("Repeat the password: ");
                if (first == null || again == null) throw new CliException("no password entered");
                try {
                    if (!Arrays.equals(first, again)) throw new CliException("the passwords do not match: nothing stored");
                    return new String(first);
                } finally {
                    Arrays.fill(first, '\0');
                    Arrays.fill(again, '\0');
                }
            }
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset())).readLine();
                if (line == null) throw new CliException("no password on stdin");
                return line;
            } catch (IOException e) {
                throw new CliException("cannot read the password from stdin: " + e.getMessage(), e);
            }
        }
    }

    /** {@code pgwire user remove}: deletes a user's entries. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user from a credentials file.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--credentials-file", paramLabel = "FILE", required = true, description = "The file to update.")
        Path credentialsFile;

        @Option(names = "--user", paramLabel = "NAME", required = true, description = "The user name.")
        String user;

        @Override
        public Integer call() {
            if (!Files.exists(credentialsFile)) throw new CliException("cannot read " + credentialsFile + ": no such file");
            boolean removed;
            try {
                removed = CredentialFile.removeUser(credentialsFile, user);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CliException("cannot update " + credentialsFile + ": " + message(e), e);
            }
            if (!removed) throw new CliException("no user \"" + user + "\" in " + credentialsFile);
            spec.commandLine().getOut().println("removed user \"" + user + "\" from " + credentialsFile);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private static String message(RuntimeException e) {
        return e instanceof UncheckedIOException u && u.getCause() != null
                ? e.getMessage() + " (" + u.getCause().getMessage() + ")" : e.getMessage();
    }
}
