package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.PortForwardProtocol;
import dev.skiff.api.streaming.SubProtocolHeader;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.http.Responses;
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
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Joins an API client's exec, attach or port-forward WebSocket to the kubelet's, without blocking,
 * and passes binary messages both ways with back-pressure until either side closes. For exec and
 * attach the client's request is upgraded first, then the kubelet's socket opened with the
 * subprotocol chosen for the client; a kubelet that refuses (a container not running) or cannot be
 * reached ends the client's stream with a Status. A port-forward opens the kubelet's first
 * ({@link #tunnel}).
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
        if (!SubProtocolHeader.offersAny(ctx.request().getHeader("Sec-WebSocket-Protocol"), Channels.SUBPROTOCOLS)) {
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
                    // in the stream rather than as the upgrade's answer: kubectl answers a failed upgrade by
                    // trying SPDY, which is not served, and would show that instead of the reason
                    if (!downstream.isClosed()) {
                        downstream.writeBinaryMessage(errorMessage(refusal(kubelet, uri, connected.cause()).status()));
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
     * Opens URI on KUBELET with the port-forward subprotocol, then upgrades the client's request
     * and joins the two, from the connection's event loop. The kubelet comes first because nothing
     * can be said inside a tunnel of SPDY: its refusal (or 503 when it cannot be reached) is the
     * answer to the request itself. kubectl answers a failed upgrade by trying SPDY; that request
     * (WEB_SOCKET false) is asked of the kubelet the same way, so it gets the same reason, and
     * otherwise 400.
     */
    public void tunnel(RoutingContext ctx, Context eventLoop, KubeletEndpoint kubelet, String uri, boolean webSocket) {
        eventLoop.runOnContext(v -> {
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(kubelet.host()).setPort(kubelet.port())
                    .setURI(uri).setSubProtocols(List.of(PortForwardProtocol.SUBPROTOCOL)).setTimeout(HANDSHAKE_TIMEOUT.toMillis());
            client.connect(options).onComplete(connected -> {
                if (connected.failed()) {
                    Refusal refusal = refusal(kubelet, uri, connected.cause());
                    Responses.writeJson(ctx, refusal.code(), refusal.status());
                    return;
                }
                WebSocket upstream = connected.result();
                if (!webSocket) {
                    upstream.close();
                    Responses.error(ctx, ApiException.badRequest("pods/portforward is served over WebSocket only (subprotocol "
                            + PortForwardProtocol.SUBPROTOCOL + ", which kubectl 1.31 and later speak), not over "
                            + ctx.request().getHeader("Upgrade")));
                    return;
                }
                upstream.pause();
                ctx.request().toWebSocket().onComplete(upgraded -> {
                    if (upgraded.failed()) {
                        LOG.debugf("%s: the client's upgrade failed: %s", uri, upgraded.cause().getMessage());
                        upstream.close();
                        return;
                    }
                    ServerWebSocket downstream = upgraded.result();
                    pipe(upstream, downstream, message -> { }, () -> { });
                    pipe(downstream, upstream, message -> { }, () -> { });
                    upstream.resume();
                });
            });
        });
    }

    /**
     * Why the kubelet's socket could not be had, as a Status: its refusal as it gave it (a Status),
     * or 503 when it could not be reached.
     */
    private static Refusal refusal(KubeletEndpoint kubelet, String uri, Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected && rejected.getBody() != null) {
            if (KubeletErrors.isStatus(rejected.getBody()) && rejected.getStatus() >= 400) {
                return new Refusal(rejected.getStatus(), rejected.getBody());
            }
            ApiException error = KubeletErrors.of(kubelet, rejected.getStatus(), rejected.getBody().toString(StandardCharsets.UTF_8).trim());
            return new Refusal(error.code(), json(error));
        }
        LOG.debugf("kubelet of node %s at %s cannot be reached for %s: %s", kubelet.node(), kubelet.authority(), uri, cause.toString());
        ApiException error = ApiException.unavailable("the kubelet of node \"" + kubelet.node() + "\" at "
                + kubelet.authority() + " cannot be reached: " + cause.getMessage());
        return new Refusal(error.code(), json(error));
    }

    /** A kubelet's refusal: the HTTP code and the Status. */
    private record Refusal(int code, Buffer status) {
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
}
