package dev.skiff.kubelet.portforward;

import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One connection kubectl forwards: the pair of SPDY streams it opened under one request id — its
 * error stream and its data stream — and the TCP connection to the pod's port they stand for. The
 * pod's bytes go out on the data stream; the client's go to the pod, and the client's end of the
 * data stream half-closes the connection, so the pod sees end-of-input and can answer in full. When
 * the pod's side ends, both streams end, the error stream first carrying why, if the connection
 * failed. Runs on its session's event loop.
 */
final class ForwardedConnection {

    private static final Logger LOG = Logger.getLogger(ForwardedConnection.class);

    private final PortForwardSession session;
    private final PortForwardTarget target;
    private final String requestId;
    private final String portHeader;
    private int errorStream;
    private int dataStream;
    /** What the client sent before the pod's connection was open. */
    private final List<Buffer> early = new ArrayList<>();
    private boolean clientDone;
    private NetSocket socket;
    private String failure;
    private boolean ended;

    ForwardedConnection(PortForwardSession session, PortForwardTarget target, String requestId, String portHeader) {
        this.session = session;
        this.target = target;
        this.requestId = requestId;
        this.portHeader = portHeader;
    }

    String requestId() {
        return requestId;
    }

    /** Takes STREAM as this connection's stream of TYPE; false when it already has one. */
    boolean add(String type, int stream) {
        if (type.equals("error") && errorStream == 0) {
            errorStream = stream;
            return true;
        }
        if (type.equals("data") && dataStream == 0) {
            dataStream = stream;
            return true;
        }
        return false;
    }

    boolean complete() {
        return errorStream != 0 && dataStream != 0;
    }

    /** Dials the pod's port, both streams being open. */
    void connect(NetClient client) {
        if (portHeader == null) {
            fail("missing port header: the data and error streams must name the pod's port");
            return;
        }
        int port = port(portHeader);
        if (port == 0) {
            fail("invalid port header \"" + portHeader + "\": expected a port number from 1 to 65535");
            return;
        }
        client.connect(port, target.podIp()).onComplete(connected -> {
            if (connected.failed()) {
                fail("error forwarding port " + port + " to pod " + target.describe() + ": dial tcp " + target.podIp() + ":" + port + ": "
                        + connected.cause().getMessage());
                return;
            }
            socket = connected.result();
            if (ended) {
                socket.close();
                return;
            }
            LOG.debugf("port-forward %s: connected to port %d of pod %s/%s", requestId, port, target.namespace(), target.name());
            socket.handler(bytes -> {
                // what arrives between a reset and the socket's close goes nowhere
                if (!ended) {
                    session.sendData(dataStream, bytes, socket);
                }
            });
            socket.exceptionHandler(error -> failure = "error forwarding port " + port + " to pod " + target.describe() + ": "
                    + error.getMessage());
            socket.endHandler(end -> end());
            early.forEach(this::toPod);
            early.clear();
            if (clientDone) {
                shutdownOutput();
            }
        });
    }

    /** Bytes the client sent on the data stream. */
    void received(int stream, Buffer bytes) {
        if (stream != dataStream || ended) {
            return;
        }
        if (socket == null) {
            early.add(bytes);
        } else {
            toPod(bytes);
        }
    }

    /** The client ended its side of STREAM: on the data stream, the pod sees the end of its input. */
    void clientEnded(int stream) {
        if (stream != dataStream || clientDone) {
            return;
        }
        clientDone = true;
        if (socket != null && !ended) {
            shutdownOutput();
        }
    }

    /** The client reset STREAM: the connection is abandoned, the error stream ended so the client stops waiting on it. */
    void reset(int stream) {
        if (stream == dataStream) {
            dataStream = -1;
        } else if (stream == errorStream) {
            errorStream = -1;
        }
        end();
        if (socket != null) {
            socket.close();
        }
    }

    /** Ends both streams, the error stream carrying MESSAGE. */
    void fail(String message) {
        failure = message;
        end();
        if (socket != null) {
            socket.close();
        }
    }

    /** Ends both streams (the error stream with the failure, if any) once, and leaves the session. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (failure != null) {
            LOG.debugf("port-forward %s to pod %s/%s: %s", requestId, target.namespace(), target.name(), failure);
        }
        session.endStream(dataStream, null);
        session.endStream(errorStream, failure);
        session.forget(this);
    }

    private void toPod(Buffer bytes) {
        socket.write(bytes);
        if (socket.writeQueueFull()) {
            session.pauseUntilDrained(socket);
        }
    }

    /**
     * Closes the connection's sending side once all that was written has left, leaving it open for
     * the pod's answer. Vert.x has no half-close, so it is done on the Netty channel under it.
     */
    private void shutdownOutput() {
        socket.write(Buffer.buffer()).onComplete(written -> {
            if (((NetSocketInternal) socket).channelHandlerContext().channel() instanceof DuplexChannel channel && channel.isActive()) {
                channel.shutdownOutput();
            }
        });
    }

    private static int port(String header) {
        try {
            int port = Integer.parseInt(header);
            return port >= 1 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
