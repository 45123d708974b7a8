package dev.skiff.runtime.docker.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of a {@code Content-Length}: ends after that many bytes, fails if the engine sends fewer. */
final class FixedLengthInputStream extends BlockInputStream {

    private final InputStream in;
    private long left;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (left == 0) {
            return -1;
        }
        int n = in.read(bytes, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("the Docker engine closed the connection " + left + " bytes before the end of its response");
        }
        left -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
