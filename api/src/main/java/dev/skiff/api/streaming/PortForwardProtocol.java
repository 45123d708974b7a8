package dev.skiff.api.streaming;

/**
 * How {@code pods/portforward} is spoken: SPDY/3.1 frames carried in the binary messages of a
 * WebSocket (kubectl 1.31 and later try this first; the messages' boundaries mean nothing). The
 * client opens two SPDY streams per forwarded connection, both with headers {@code port} and
 * {@code requestid}: {@code streamtype: error}, where the server writes why forwarding failed, and
 * {@code streamtype: data}, the connection's bytes both ways.
 */
public final class PortForwardProtocol {

    /** The WebSocket subprotocol: SPDY tunnelled through the socket, carrying {@code portforward.k8s.io}. */
    public static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private PortForwardProtocol() {
    }
}
