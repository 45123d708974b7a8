package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.apiserver.config.SkiffConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Joins an API client's exec or attach WebSocket to the kubelet's, without blocking: the client's
 * request is upgraded first, then the kubelet's socket opened with the subprotocol chosen for the
 * client, and binary messages are passed both ways with back-pressure until either side closes. A
 * kubelet that refuses (a container not running) or cannot be reached ends the client's stream with
 * a Status.
 */
@ApplicationScoped
public class KubeletStreamProxy {

    private static final Logger LOG = Logger.getLogger(KubeletStreamProxy.class);

    /**
     * The longest the kubelet may take to accept the socket: it lists the pod's containers first,
     * which the kubelet's own runtime-request-timeout (2 min by default) bounds.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMinutes(2);

    private final WebSocketClient client;

    public KubeletStreamProxy(Vertx vertx, SkiffConfig config) {
        long connectTimeout = config.api().kubelet().connectTimeout().toMillis();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout)));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Opens {@code uri} on {@code kubelet} and joins it to the request's upgraded connection, from the connection's event loop. */
    public void join(RoutingContext ctx, Context eventLoop, KubeletEndpoint kubelet, String uri) {
        if (!offersServedSubProtocol(ctx.request().getHeader("Sec-WebSocket-Protocol"))) {
            throw ApiException.badRequest("the WebSocket must offer subprotocol " + String.join(" or ", Channels.SUBPROTOCOLS));
        }
        eventLoop.runOnContext(v -> ctx.request().toWebSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf("%s: the client's upgrade failed: %s", uri, upgraded.cause().getMessage());
                return;
            }
            ServerWebSocket downstream = upgraded.result();
            // what the client sends waits for the kubelet's socket
            downstream.pause();
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(kubelet.host()).setPort(kubelet.port())
                    .setURI(uri).setSubProtocols(List.of(downstream.subProtocol())).setTimeout(HANDSHAKE_TIMEOUT.toMillis());
            client.connect(options).onComplete(connected -> {
                if (connected.failed()) {
                    if (!downstream.isClosed()) {
                        downstream.writeBinaryMessage(errorMessage(refusal(kubelet, uri, connected.cause())));
                        downstream.close();
                    }
                    return;
                }
                WebSocket upstream = connected.result();
                if (downstream.isClosed()) {
                    upstream.close();
                    return;
                }
                // both sockets' events come on this event loop, so nothing arrives before the handlers are set
                boolean[] statusPassed = {false};
                pipe(upstream, downstream, message -> statusPassed[0] |= message.length() > 0 && message.getByte(0) == Channels.ERROR,
                        () -> {
                            if (!statusPassed[0]) {
                                downstream.writeBinaryMessage(errorMessage(json(ApiException.internal("the kubelet of node \""
                                        + kubelet.node() + "\" at " + kubelet.authority()
                                        + " ended the stream without its final status"))));
                            }
                        });
                pipe(downstream, upstream, message -> { }, () -> { });
                downstream.resume();
            });
        }));
    }

    /**
     * Why the kubelet's socket could not be had, as a Status for the error channel: its refusal as it
     * gave it (a Status), or 503 when it could not be reached. It goes in the stream, after the
     * client's upgrade, rather than as the upgrade's answer: kubectl answers a failed upgrade by
     * trying SPDY, which is not served, and would show that instead of the reason.
     */
    private static Buffer refusal(KubeletEndpoint kubelet, String uri, Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected && rejected.getBody() != null) {
            if (KubeletErrors.isStatus(rejected.getBody()) && rejected.getStatus() >= 400) {
                return rejected.getBody();
            }
            return json(KubeletErrors.of(kubelet, rejected.getStatus(), rejected.getBody().toString(StandardCharsets.UTF_8).trim()));
        }
        LOG.debugf("kubelet of node %s at %s cannot be reached for %s: %s", kubelet.node(), kubelet.authority(), uri, cause.toString());
        return json(ApiException.unavailable("the kubelet of node \"" + kubelet.node() + "\" at "
                + kubelet.authority() + " cannot be reached: " + cause.getMessage()));
    }

    /** A Status on the error channel, which ends what kubectl shows. */
    private static Buffer errorMessage(Buffer status) {
        return Buffer.buffer().appendByte(Channels.ERROR).appendBuffer(status);
    }

    private static Buffer json(ApiException error) {
        try {
            return Buffer.buffer(Json.MAPPER.writeValueAsBytes(error.toStatus()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a Status as JSON", e);
        }
    }

    /**
     * Binary messages from FROM to TO, FROM paused while TO's write queue is full. FROM's end closes
     * TO once every message before it was passed on (Vert.x runs a socket's close handler as the close
     * frame arrives, ahead of messages still queued while it was paused, so the end handler is used);
     * a connection dropped without a close frame ends nothing in order and closes TO at once. ENDING
     * comes first: what TO gets before it closes.
     */
    private static void pipe(WebSocketBase from, WebSocketBase to, Consumer<Buffer> passed, Runnable ending) {
        from.binaryMessageHandler(message -> {
            passed.accept(message);
            to.writeBinaryMessage(message);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(drained -> from.resume());
            }
        });
        boolean[] ended = {false};
        Runnable close = () -> {
            if (!ended[0] && !to.isClosed()) {
                ended[0] = true;
                ending.run();
                to.close();
            }
        };
        from.endHandler(end -> close.run());
        from.closeHandler(closed -> {
            if (from.closeStatusCode() == null) {
                close.run();
            }
        });
    }

    /** Whether the client offers one of the subprotocols served (the upgrade chooses its first such one). */
    private static boolean offersServedSubProtocol(String header) {
        return header != null && Arrays.stream(header.split(",")).map(String::trim).anyMatch(Channels.SUBPROTOCOLS::contains);
    }
}
