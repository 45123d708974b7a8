package dev.skiff.store;

/** A create found the key already present. */
public class KeyExistsException extends RuntimeException {
    public KeyExistsException(String key) {
        super("key exists: " + key);
    }
}
