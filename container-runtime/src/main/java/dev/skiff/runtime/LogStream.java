package dev.skiff.runtime;

/** A running log stream; closing it stops the stream (the sink's {@code onEnd} follows). */
public interface LogStream extends AutoCloseable {

    @Override
    void close();
}
