package dev.skiff.runtime.docker.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/** Reads the CRLF-ended lines of HTTP/1.1's framing: the status line, headers, chunk sizes. */
final class HttpLines {

    /** Longer than any header the engine sends; a longer line means the stream is not HTTP. */
    static final int MAX_LINE = 64 * 1024;

    private HttpLines() {
    }

    /** The next line without its CR LF (a bare LF is accepted too). */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the Docker engine closed the connection in the middle of a response");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE) {
                throw new ProtocolException("the Docker engine's response has a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
