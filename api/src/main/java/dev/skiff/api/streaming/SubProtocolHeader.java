package dev.skiff.api.streaming;

import java.util.Arrays;
import java.util.Collection;

/** A WebSocket upgrade's {@code Sec-WebSocket-Protocol} header: the subprotocols the client offers. */
public final class SubProtocolHeader {

    private SubProtocolHeader() {
    }

    /** Whether HEADER (null when absent) offers one of SERVED. */
    public static boolean offersAny(String header, Collection<String> served) {
        return header != null && Arrays.stream(header.split(",")).map(String::trim).anyMatch(served::contains);
    }
}
