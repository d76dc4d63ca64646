package dev.pgwire.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a Java tool's flow on PostgreSQL and then on serve, each in its own database: the flow must
 * finish on both and return on serve what it returned on PostgreSQL. When serve fails, the message
 * carries the tool's exception chain and every statement serve refused meanwhile, with its SQL.
 */
public final class JavaTool {

    /** A tool flow against one side; returns what must be equal on both sides. */
    @FunctionalInterface
    public interface Flow {
        Object run(Target target, String database) throws Exception;
    }

    private JavaTool() {
    }

    public static void assertLikePostgres(String tool, String database, Flow flow) {
        Object want;
        try {
            want = flow.run(Servers.postgres(), Servers.database(Servers.postgres(), database));
        } catch (Exception | AssertionError e) {
            throw new AssertionError(tool + " fails against PostgreSQL itself (the test or environment is wrong): "
                    + chain(e), e);
        }
        int mark = ServeErrors.mark();
        Object got;
        try {
            got = flow.run(Servers.serve(), Servers.database(Servers.serve(), database));
        } catch (Exception | AssertionError e) {
            fail(tool + " against serve: " + chain(e) + refused(mark, database), e);
            return;
        }
        if (!Objects.equals(want, got)) {
            fail(tool + " against serve differs from PostgreSQL:\n  PostgreSQL: " + want + "\n  serve:      " + got
                    + refused(mark, database));
        }
    }

    private static String refused(int mark, String database) {
        List<ServeErrors.Error> errors = ServeErrors.since(mark, database);
        return errors.isEmpty() ? "" : "\n  statements serve refused during the run:" + ServeErrors.describe(errors);
    }

    /** The exception and its causes, one line each. */
    public static String chain(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).lines().limit(4).reduce((a, b) -> a + " / " + b).orElse("");
            parts.add(t.getClass().getSimpleName() + ": " + m);
            if (t.getCause() == t) break;
        }
        return String.join("\n    caused by ", parts);
    }
}
