package dev.skiff.store;

/** A running watch. Closing it stops delivery. */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
