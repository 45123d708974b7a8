package dev.skiff.kubelet.portforward;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A {@code kubectl port-forward} to one pod: the server side of the SPDY connection tunnelled in
 * the WebSocket ({@link dev.skiff.api.streaming.PortForwardProtocol}). Every stream the client opens
 * is answered at once; the two of one request id make a {@link ForwardedConnection} to the pod's
 * port. Pings are answered; kubectl's SPDY library keeps no flow-control windows, so none are kept
 * here either: back-pressure is the WebSocket's and the pod connections' own (a full socket pauses
 * its sender). Everything runs on the WebSocket's event loop.
 */
public final class PortForwardSession {

    private static final Logger LOG = Logger.getLogger(PortForwardSession.class);

    /** How long the second stream of a request may take to follow the first, as Kubernetes' kubelet waits. */
    private static final Duration PAIR_TIMEOUT = Duration.ofSeconds(30);

    /** The largest data frame sent: what kubectl itself writes at most, well under a WebSocket message's limit. */
    private static final int MAX_DATA_FRAME = 32 * 1024;

    private final Vertx vertx;
    private final NetClient client;
    private final ServerWebSocket webSocket;
    private final PortForwardTarget target;
    private final SpdyFraming framing = new SpdyFraming();
    private final Map<String, ForwardedConnection> byRequest = new HashMap<>();
    private final Map<Integer, ForwardedConnection> byStream = new HashMap<>();
    /** Pod connections paused until the WebSocket's write queue drains. */
    private final Set<NetSocket> paused = new LinkedHashSet<>();

    private PortForwardSession(Vertx vertx, NetClient client, ServerWebSocket webSocket, PortForwardTarget target) {
        this.vertx = vertx;
        this.client = client;
        this.webSocket = webSocket;
        this.target = target;
    }

    /** Serves the port-forward on WEBSOCKET, just upgraded, from its event loop. */
    public static void serve(Vertx vertx, NetClient client, ServerWebSocket webSocket, PortForwardTarget target) {
        PortForwardSession session = new PortForwardSession(vertx, client, webSocket, target);
        LOG.debugf("port-forward to pod %s/%s (%s) opened", target.namespace(), target.name(), target.podIp());
        webSocket.binaryMessageHandler(session::received);
        webSocket.closeHandler(closed -> session.closed());
    }

    private void received(Buffer message) {
        List<SpdyFrame> frames;
        try {
            frames = framing.decode(message);
        } catch (Exception e) {
            // Netty rethrows its checked SpdyProtocolException unchecked
            LOG.debugf("port-forward to pod %s/%s: not SPDY/3.1 (%s), closing", target.namespace(), target.name(), e.getMessage());
            webSocket.close((short) 1002, "not SPDY/3.1");
            return;
        }
        for (SpdyFrame frame : frames) {
            if (frame instanceof SpdyDataFrame data) {
                try {
                    dataReceived(data);
                } finally {
                    data.release();
                }
            } else if (frame instanceof SpdySynStreamFrame opened) {
                opened(opened);
            } else if (frame instanceof SpdyRstStreamFrame reset) {
                ForwardedConnection connection = byStream.get(reset.streamId());
                if (connection != null) {
                    connection.reset(reset.streamId());
                }
            } else if (frame instanceof SpdyPingFrame ping) {
                send(new DefaultSpdyPingFrame(ping.id()));
            } else if (frame instanceof SpdyGoAwayFrame) {
                webSocket.close();
            }
            // SETTINGS, WINDOW_UPDATE and HEADERS change nothing here
        }
    }

    /**
     * A stream the client opened: answered, then joined to the other stream of its request id
     * (kubectl sends it; without it the error stream's id is the request's, the data stream's that
     * less two, as Kubernetes reckons for older clients).
     */
    private void opened(SpdySynStreamFrame frame) {
        int stream = frame.streamId();
        String type = frame.headers().getAsString("streamtype");
        if (!"error".equals(type) && !"data".equals(type)) {
            LOG.debugf("port-forward to pod %s/%s: stream %d of unknown type %s reset", target.namespace(), target.name(), stream, type);
            send(new DefaultSpdyRstStreamFrame(stream, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        // the reply echoes the stream's type: it must carry a header, as Netty encodes no header block
        // at all for none, which Go's SPDY framer reads as a broken frame and drops the connection
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(stream);
        reply.headers().set("streamtype", type);
        send(reply);
        String requestId = frame.headers().getAsString("requestid");
        if (requestId == null) {
            requestId = String.valueOf(type.equals("error") ? stream : stream - 2);
        }
        ForwardedConnection connection = byRequest.get(requestId);
        if (connection == null) {
            connection = new ForwardedConnection(this, target, requestId, frame.headers().getAsString("port"));
            byRequest.put(requestId, connection);
            ForwardedConnection waiting = connection;
            vertx.setTimer(PAIR_TIMEOUT.toMillis(), timer -> {
                if (!waiting.complete() && byRequest.get(waiting.requestId()) == waiting) {
                    waiting.fail("timed out waiting for the data and error streams of request " + waiting.requestId());
                }
            });
        }
        if (!connection.add(type, stream)) {
            send(new DefaultSpdyRstStreamFrame(stream, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        byStream.put(stream, connection);
        if (frame.isLast()) {
            connection.clientEnded(stream);
        }
        if (connection.complete()) {
            connection.connect(client);
        }
    }

    private void dataReceived(SpdyDataFrame frame) {
        ForwardedConnection connection = byStream.get(frame.streamId());
        if (connection == null) {
            return;
        }
        if (frame.content().isReadable()) {
            byte[] bytes = new byte[frame.content().readableBytes()];
            frame.content().readBytes(bytes);
            connection.received(frame.streamId(), Buffer.buffer(bytes));
        }
        if (frame.isLast()) {
            connection.clientEnded(frame.streamId());
        }
    }

    /** BYTES from the pod on STREAM; FROM pauses while the WebSocket cannot take more. */
    void sendData(int stream, Buffer bytes, NetSocket from) {
        for (int start = 0; start < bytes.length(); start += MAX_DATA_FRAME) {
            int end = Math.min(bytes.length(), start + MAX_DATA_FRAME);
            send(new DefaultSpdyDataFrame(stream, Unpooled.wrappedBuffer(bytes.getBytes(start, end))));
        }
        if (webSocket.writeQueueFull() && paused.add(from)) {
            from.pause();
            webSocket.drainHandler(drained -> {
                List<NetSocket> resumed = new ArrayList<>(paused);
                paused.clear();
                resumed.forEach(NetSocket::resume);
            });
        }
    }

    /** Ends STREAM (unless it is gone: 0 never opened, -1 reset), with MESSAGE first if there is one. */
    void endStream(int stream, String message) {
        if (stream <= 0) {
            return;
        }
        if (message != null) {
            send(new DefaultSpdyDataFrame(stream, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
        }
        send(new DefaultSpdyDataFrame(stream).setLast(true));
    }

    /** The WebSocket pauses until SOCKET, which the client's bytes go to, has room again. */
    void pauseUntilDrained(NetSocket socket) {
        webSocket.pause();
        socket.drainHandler(drained -> webSocket.resume());
    }

    void forget(ForwardedConnection connection) {
        byRequest.remove(connection.requestId(), connection);
        byStream.values().removeIf(connection::equals);
    }

    private void send(SpdyFrame frame) {
        if (webSocket.isClosed()) {
            ReferenceCountUtil.release(frame);
            return;
        }
        webSocket.writeBinaryMessage(framing.encode(frame));
    }

    private void closed() {
        LOG.debugf("port-forward to pod %s/%s closed", target.namespace(), target.name());
        new ArrayList<>(byRequest.values()).forEach(connection -> connection.fail("the port-forward connection closed"));
        framing.close();
    }
}
