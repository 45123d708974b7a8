package dev.skiff.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A WebSocket client of the api-server's pod streams (exec, attach, port-forward). */
final class StreamClient implements AutoCloseable {

    /** A client's socket with what it received: its handlers are set on the event loop as it connects, so nothing is missed. */
    record StreamSocket(WebSocket socket, List<Buffer> received, AtomicBoolean closed) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient();

    /**
     * Opens URI (path and query) on the api-server at BASE offering SUB_PROTOCOLS; PAUSED: the
     * client reads nothing until its socket is resumed. A refused upgrade is thrown as Vert.x's
     * {@link io.vertx.core.http.UpgradeRejectedException}.
     */
    StreamSocket connect(URI base, String uri, List<String> subProtocols, boolean paused) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI(uri).setSubProtocols(subProtocols);
        List<Buffer> received = new CopyOnWriteArrayList<>();
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<WebSocket> connected = new CompletableFuture<>();
        client.connect(options, result -> {
            if (result.succeeded()) {
                result.result().binaryMessageHandler(received::add);
                result.result().closeHandler(v -> closed.set(true));
                if (paused) {
                    result.result().pause();
                }
                connected.complete(result.result());
            } else {
                connected.completeExceptionally(result.cause());
            }
        });
        try {
            return new StreamSocket(connected.get(10, TimeUnit.SECONDS), received, closed);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
