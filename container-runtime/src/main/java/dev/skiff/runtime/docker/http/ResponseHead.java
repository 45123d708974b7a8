package dev.skiff.runtime.docker.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A response's status code and headers (names case-insensitive). */
record ResponseHead(int status, Map<String, List<String>> headers) {

    private static final int MAX_HEADERS = 256;

    /** Reads the head of the final response, skipping interim {@code 1xx} ones. */
    static ResponseHead read(InputStream in) throws IOException {
        while (true) {
            ResponseHead head = readOne(in);
            if (head.status >= 200) {
                return head;
            }
        }
    }

    private static ResponseHead readOne(InputStream in) throws IOException {
        String statusLine = HttpLines.read(in);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("the Docker engine answered with something other than HTTP/1.x: "
                    + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("the Docker engine's status line has no status code: " + abbreviate(statusLine));
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = HttpLines.read(in); !line.isEmpty(); line = HttpLines.read(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("the Docker engine sent a malformed header: " + abbreviate(line));
            }
            if (headers.size() == MAX_HEADERS) {
                throw new ProtocolException("the Docker engine sent more than " + MAX_HEADERS + " headers");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).trim());
        }
        return new ResponseHead(status, headers);
    }

    /** The header's first value, null without one. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }
}
