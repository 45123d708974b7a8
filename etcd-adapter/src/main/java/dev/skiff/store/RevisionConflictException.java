package dev.skiff.store;

/** A compare-and-swap failed: the key changed since the expected revision. */
public class RevisionConflictException extends RuntimeException {
    private final KeyValue current;

    public RevisionConflictException(String key, long expected, KeyValue current) {
        super("revision conflict on " + key + ": expected " + expected + ", found " + current.modRevision());
        this.current = current;
    }

    /** The key's current value. */
    public KeyValue current() {
        return current;
    }
}
