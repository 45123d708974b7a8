package dev.skiff.kubelet.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.api.streaming.PortForwardProtocol;
import dev.skiff.testing.FreePorts;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's side of a port-forward, spoken to as kubectl does (SPDY/3.1 frames in WebSocket
 * messages) with a TCP server on the loopback standing in for the pod's port: it answers
 * {@code got N bytes: …} once its input ends, and counts the connections it saw close.
 */
class PortForwardSessionTest {

    private static Vertx vertx;
    private static HttpServer kubelet;
    private static ServerSocket pod;
    private static NetClient dialer;
    private static final AtomicInteger podConnectionsClosed = new AtomicInteger();

    private WebSocket socket;
    /** Encodes what the test sends (its thread) and decodes what comes back (the socket's event loop): one zlib stream each way. */
    private final SpdyFraming outgoing = new SpdyFraming();
    private final SpdyFraming incoming = new SpdyFraming();
    private final List<SpdyFrame> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dialer = vertx.createNetClient();
        // plain sockets: a Vert.x server closes a connection whose input ended, before it could answer
        pod = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (!pod.isClosed()) {
                try {
                    Socket connection = pod.accept();
                    daemon(() -> answer(connection));
                } catch (IOException e) {
                    return;
                }
            }
        });
        kubelet = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(PortForwardProtocol.SUBPROTOCOL)))
                .requestHandler(request -> request.toWebSocket().onSuccess(webSocket -> PortForwardSession.serve(vertx, dialer, webSocket,
                        new PortForwardTarget("default", "web", "uid-1", "127.0.0.1"))))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "pod-port");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads CONNECTION to its end, answers what it read, and closes; a connection reset counts as closed too. */
    private static void answer(Socket connection) {
        try (connection) {
            byte[] input = connection.getInputStream().readAllBytes();
            connection.getOutputStream().write(("got " + input.length + " bytes: " + new String(input, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the kubelet closed it
        } finally {
            podConnectionsClosed.incrementAndGet();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pod.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void connect() throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(kubelet.actualPort())
                .setURI("/portForward/default/web").setSubProtocols(List.of(PortForwardProtocol.SUBPROTOCOL));
        socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.binaryMessageHandler(message -> received.addAll(incoming.decode(message)));
        socket.closeHandler(gone -> closed.set(true));
    }

    @AfterEach
    void disconnect() {
        socket.close();
    }

    private void send(SpdyFrame frame) {
        socket.writeBinaryMessage(outgoing.encode(frame));
    }

    /** Opens the error and data streams of REQUEST_ID (ids ERROR_STREAM and ERROR_STREAM + 2) for PORT (no header when null). */
    private void openPair(int errorStream, String requestId, String port) {
        for (String type : List.of("error", "data")) {
            DefaultSpdySynStreamFrame open = new DefaultSpdySynStreamFrame(type.equals("error") ? errorStream : errorStream + 2, 0, (byte) 0);
            open.headers().set("streamtype", type);
            open.headers().set("requestid", requestId);
            if (port != null) {
                open.headers().set("port", port);
            }
            send(open);
        }
        // kubectl ends its side of the error stream at once: it only reads it
        send(new DefaultSpdyDataFrame(errorStream).setLast(true));
    }

    private void sendData(int stream, String text, boolean last) {
        send(new DefaultSpdyDataFrame(stream, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).setLast(last));
    }

    /** What STREAM carried, once it ended. */
    private String streamContent(int stream) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .anyMatch(frame -> frame instanceof SpdyDataFrame data && data.streamId() == stream && data.isLast()));
        StringBuilder content = new StringBuilder();
        for (SpdyFrame frame : received) {
            if (frame instanceof SpdyDataFrame data && data.streamId() == stream) {
                content.append(data.content().toString(StandardCharsets.UTF_8));
            }
        }
        return content.toString();
    }

    @Test
    void theBytesGoBothWaysAndTheEndOfTheClientsReachesThePod() {
        openPair(1, "0", String.valueOf(pod.getLocalPort()));
        sendData(3, "hello ", false);
        sendData(3, "pod", true);

        assertThat(streamContent(3)).isEqualTo("got 9 bytes: hello pod");
        assertThat(streamContent(1)).as("no error").isEmpty();
        assertThat(received).filteredOn(SpdySynReplyFrame.class::isInstance)
                .extracting(frame -> ((SpdySynReplyFrame) frame).streamId()).containsExactly(1, 3);
    }

    @Test
    void connectionsOfOneSessionAreApart() {
        openPair(1, "0", String.valueOf(pod.getLocalPort()));
        openPair(5, "1", String.valueOf(pod.getLocalPort()));
        sendData(7, "second", true);
        sendData(3, "first", true);

        assertThat(streamContent(3)).isEqualTo("got 5 bytes: first");
        assertThat(streamContent(7)).isEqualTo("got 6 bytes: second");
    }

    @Test
    void aPortNothingListensOnEndsBothStreamsWithTheReasonOnTheErrorStream() {
        int closedPort = FreePorts.one();
        openPair(1, "0", String.valueOf(closedPort));

        assertThat(streamContent(1)).startsWith("error forwarding port " + closedPort + " to pod default/web, uid uid-1: dial tcp 127.0.0.1:"
                + closedPort + ": ");
        assertThat(streamContent(3)).isEmpty();
    }

    @Test
    void aMissingOrBadPortHeaderIsReportedOnTheErrorStream() {
        openPair(1, "0", null);
        openPair(5, "1", "70000");

        assertThat(streamContent(1)).isEqualTo("missing port header: the data and error streams must name the pod's port");
        assertThat(streamContent(5)).isEqualTo("invalid port header \"70000\": expected a port number from 1 to 65535");
    }

    @Test
    void pingsAreAnsweredAndAStreamOfUnknownTypeIsReset() {
        send(new DefaultSpdyPingFrame(1));
        DefaultSpdySynStreamFrame odd = new DefaultSpdySynStreamFrame(1, 0, (byte) 0);
        odd.headers().set("streamtype", "control");
        send(odd);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.get(0)).isInstanceOfSatisfying(SpdyPingFrame.class, ping -> assertThat(ping.id()).isEqualTo(1));
        assertThat(received.get(1)).isInstanceOfSatisfying(SpdyRstStreamFrame.class, reset -> {
            assertThat(reset.streamId()).isEqualTo(1);
            assertThat(reset.status()).isEqualTo(SpdyStreamStatus.PROTOCOL_ERROR);
        });
    }

    @Test
    void aResetDataStreamClosesThePodsConnectionAndEndsTheErrorStream() {
        int closedBefore = podConnectionsClosed.get();
        openPair(1, "0", String.valueOf(pod.getLocalPort()));
        sendData(3, "never ended", false);

        send(new DefaultSpdyRstStreamFrame(3, SpdyStreamStatus.CANCEL));

        assertThat(streamContent(1)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> podConnectionsClosed.get() > closedBefore);
    }

    @Test
    void theWebSocketsEndClosesThePodsConnections() {
        int closedBefore = podConnectionsClosed.get();
        openPair(1, "0", String.valueOf(pod.getLocalPort()));
        sendData(3, "open", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

        socket.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> podConnectionsClosed.get() > closedBefore);
    }

    @Test
    void framesOfAnotherSpdyVersionCloseTheSocket() {
        socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 0x80, 2, 0, 1, 0, 0, 0, 0}));

        await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
        assertThat(socket.closeStatusCode()).isEqualTo((short) 1002);
    }
}
