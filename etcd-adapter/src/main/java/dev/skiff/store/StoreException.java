package dev.skiff.store;

/** A storage failure that is not the caller's fault: the backend is unreachable or broken. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
