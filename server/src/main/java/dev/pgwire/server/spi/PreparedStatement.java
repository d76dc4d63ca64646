package dev.pgwire.server.spi;

import java.util.List;

/**
 * A statement prepared by Parse (protocol section 55.2.3). Created by
 * {@link Session#prepare}; the server keeps it under its name until Close or the end of the
 * session (the unnamed one until the next Parse or simple Query).
 */
public interface PreparedStatement {

    /**
     * The type OIDs of parameters {@code $1..$n}. Where the client declared a type (non-zero OID
     * in Parse) that type must be kept; elsewhere the handler infers one.
     */
    int[] parameterTypes();

    /**
     * The columns the statement returns, without executing it (Describe of a statement); null when
     * it returns no rows (NoData).
     */
    List<Column> columns() throws Exception;

    /** Binds parameter values (Bind), giving a portal ready to execute. */
    Portal bind(Parameters parameters) throws Exception;

    /** The statement is closed (Close, or the session ended). */
    default void close() {
    }

    /** What a portal of a statement without rows does when executed: all of it, ending with the sink's tag (or empty query). */
    @FunctionalInterface
    interface Command {
        void run(ResultSink sink) throws Exception;
    }

    /**
     * A statement that returns no rows (Describe answers NoData): each Bind gives a portal that
     * runs the command {@code bind} makes of the values bound, once, when executed.
     */
    static PreparedStatement withoutRows(int[] parameterTypes, java.util.function.Function<Parameters, Command> bind) {
        int[] types = parameterTypes.clone();
        return new PreparedStatement() {
            @Override
            public int[] parameterTypes() {
                return types.clone();
            }

            @Override
            public List<Column> columns() {
                return null;
            }

            @Override
            public Portal bind(Parameters parameters) {
                Command command = bind.apply(parameters);
                return new Portal() {
                    @Override
                    public List<Column> columns() {
                        return null;
                    }

                    @Override
                    public boolean execute(int maxRows, ResultSink sink) throws Exception {
                        command.run(sink);
                        return false;
                    }
                };
            }
        };
    }
}
