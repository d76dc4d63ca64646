package dev.pgwire.server.spi;

/** The transaction status byte of ReadyForQuery. */
public enum TransactionStatus {
    /** Not in a transaction block ('I'). */
    IDLE('I'),
    /** In a transaction block ('T'). */
    IN_TRANSACTION('T'),
    /** In a failed transaction block; statements are refused until it ends ('E'). */
    FAILED('E');

    public final char code;

    TransactionStatus(char code) {
        this.code = code;
    }
}
