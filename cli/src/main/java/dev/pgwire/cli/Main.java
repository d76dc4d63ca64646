package dev.pgwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.InputStream;
import java.io.PrintWriter;

/** Entry point of the runnable jar: {@code java -jar pgwire.jar serve --port 5432}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    /**
     * The {@code pgwire} command line, ready to {@link CommandLine#execute}. Its usage errors exit
     * with 2 and print one line naming the problem; other failures exit with 1.
     *
     * @param stdin where {@code pgwire user add} reads a password when there is no console
     */
    static CommandLine commandLine(InputStream stdin) {
        CommandLine cl = new CommandLine(new PgwireCommand(), new Factory(stdin));
        cl.setParameterExceptionHandler(USAGE_ERROR);
        cl.setExecutionExceptionHandler(FAILURE);
        return cl;
    }

    private static final IParameterExceptionHandler USAGE_ERROR = (ex, args) -> {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(prefix(cmd) + ex.getMessage());
        if (!(ex instanceof UsageError)) {
            // picocli's own parse errors: suggest what was probably meant, and where to look.
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    };

    private static final IExecutionExceptionHandler FAILURE = (ex, cmd, parseResult) -> {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CliException) {
            err.println(prefix(cmd) + ex.getMessage());
        } else {
            err.println(prefix(cmd) + "unexpected error: " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    };

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /** Hands stdin to the commands that read from it; everything else is built as picocli would. */
    private record Factory(InputStream stdin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == UserCommand.Add.class) return type.cast(new UserCommand.Add(stdin));
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** A usage error found after parsing (conflicting or missing options): exit code 2, one line. */
    static final class UsageError extends ParameterException {
        UsageError(CommandLine cmd, String message) {
            super(cmd, message);
        }
    }
}
