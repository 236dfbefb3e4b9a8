package io.qat4j.guard.store;

/** The database failed (unreachable, a constraint, a full disk); the transaction was rolled back. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
