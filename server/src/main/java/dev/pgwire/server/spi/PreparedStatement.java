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
}
