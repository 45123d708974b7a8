package dev.skiff.runtime.docker.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One connection to the Docker engine. Reads wait at most the read timeout it was opened with (a
 * quiet engine fails the call instead of holding its thread forever); {@link #close()} may come
 * from any thread and ends a read that is waiting. Closing either stream closes the connection.
 * One thread may read while another writes (a hijacked exec's output and stdin).
 */
record EngineSocket(InputStream input, OutputStream output, Closeable connection, OutputEnd outputEnd) {

    /** Ends the sending side only (a half-close), which the engine reads as the end of stdin. */
    @FunctionalInterface
    interface OutputEnd {
        void end() throws IOException;
    }

    void endOutput() throws IOException {
        outputEnd.end();
    }

    void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing drops the connection whatever the outcome; nothing was buffered on our side
        }
    }
}
