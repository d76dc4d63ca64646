package dev.pgwire.client;

/** The transaction status of the last ReadyForQuery: 'I', 'T' or 'E' on the wire. */
public enum TransactionStatus {
    /** Not in a transaction block. */
    IDLE,
    /** In a transaction block. */
    IN_TRANSACTION,
    /** In a failed transaction block: queries are rejected until the block ends. */
    FAILED;

    static TransactionStatus of(char status) {
        return switch (status) {
            case 'T' -> IN_TRANSACTION;
            case 'E' -> FAILED;
            default -> IDLE;
        };
    }
}
