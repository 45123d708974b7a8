package dev.skiff.runtime.docker.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * A body sent with {@code Transfer-Encoding: chunked}, as the engine streams logs, events and pull
 * progress. A read returns what one chunk has at hand, so a followed log line reaches the reader
 * as soon as its chunk arrives.
 */
final class ChunkedInputStream extends BlockInputStream {

    private final InputStream in;
    /** Bytes left in the current chunk; 0 before the next size line, -1 after the last chunk. */
    private long left;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (left == 0) {
            left = nextChunkSize();
        }
        if (left < 0) {
            return -1;
        }
        int n = in.read(bytes, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new ProtocolException("the Docker engine closed the connection inside a chunk");
        }
        left -= n;
        if (left == 0 && !HttpLines.read(in).isEmpty()) {
            throw new ProtocolException("a chunk of the Docker engine's response does not end where its size says");
        }
        return n;
    }

    /** Reads a chunk's size line; at the last chunk reads the trailers and returns -1. */
    private long nextChunkSize() throws IOException {
        String line = HttpLines.read(in);
        int extension = line.indexOf(';');
        String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new ProtocolException("the Docker engine sent a malformed chunk size: " + hex);
        }
        if (size < 0) {
            throw new ProtocolException("the Docker engine sent a negative chunk size: " + hex);
        }
        if (size > 0) {
            return size;
        }
        while (!HttpLines.read(in).isEmpty()) {
            // trailers: the engine sends none that docker-java reads
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
