package dev.pgwire.server.spi;

import java.util.List;

/**
 * A bound statement ready to run, possibly in several steps: Execute with a row limit writes up
 * to that many rows and the portal is suspended until the next Execute (protocol section 55.2.3).
 */
public interface Portal {

    /** The columns this portal returns, or null for none (NoData). Called before or between executes. */
    List<Column> columns() throws Exception;

    /**
     * Writes up to {@code maxRows} rows ({@code 0} means all) to {@code sink}. Returns true when it
     * stopped at the limit with rows left (the server sends PortalSuspended); otherwise the portal
     * is done and must have ended the statement with {@link ResultSink#complete}. The server has
     * already sent the RowDescription, so {@link ResultSink#describeColumns} is not needed here
     * (and is ignored if called with the same columns).
     */
    boolean execute(int maxRows, ResultSink sink) throws Exception;

    /** The portal is closed (Close, its transaction ended, or the session ended). */
    default void close() {
    }
}
