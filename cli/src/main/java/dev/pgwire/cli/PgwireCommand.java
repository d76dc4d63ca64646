package dev.pgwire.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code pgwire}: the top-level command; the work happens in its subcommands. */
@Command(name = "pgwire",
        mixinStandardHelpOptions = true,
        versionProvider = PgwireCommand.Version.class,
        description = "The PostgreSQL wire protocol for the JVM.",
        subcommands = {ServeCommand.class, GatewayCommand.class, UserCommand.class})
final class PgwireCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of " + spec.subcommands().keySet());
    }

    /** The version Maven wrote into {@code version.properties} when it built the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = PgwireCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"pgwire " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
