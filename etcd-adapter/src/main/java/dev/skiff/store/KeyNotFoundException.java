package dev.skiff.store;

/** An update or delete found no such key. */
public class KeyNotFoundException extends RuntimeException {
    public KeyNotFoundException(String key) {
        super("key not found: " + key);
    }
}
