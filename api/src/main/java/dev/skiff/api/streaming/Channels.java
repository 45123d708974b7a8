package dev.skiff.api.streaming;

import java.util.List;

/**
 * Kubernetes' channel protocol, which {@code pods/exec} and {@code pods/attach} speak over a
 * WebSocket: every binary message starts with its channel. The client sends {@link #STDIN} and
 * {@link #RESIZE} (a terminal's size, {@code {"Width":80,"Height":24}}); the server sends
 * {@link #STDOUT}, {@link #STDERR}, then {@link #ERROR} carrying the end as a Status. v5 adds
 * {@link #CLOSE}, whose one byte names the channel the client has closed: closing stdin is how its
 * end (EOF) reaches the process, which v4 cannot say.
 */
public final class Channels {

    /** The subprotocols served, most preferred first; the client's first one among them is chosen. */
    public static final List<String> SUBPROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte ERROR = 3;
    public static final byte RESIZE = 4;
    public static final byte CLOSE = (byte) 255;

    private Channels() {
    }
}
