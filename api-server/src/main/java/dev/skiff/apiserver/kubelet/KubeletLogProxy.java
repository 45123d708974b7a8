package dev.skiff.apiserver.kubelet;

import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.http.Responses;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Streams a container's log from a kubelet ({@code GET /containerLogs/…}, plain HTTP) to the API
 * client, without blocking: the kubelet's answer is piped to the client's response with
 * back-pressure, and when the client goes away the kubelet connection is closed, which ends a
 * follow there too. The kubelet's errors (a Status with 4xx/5xx) reach the client as they are.
 */
@ApplicationScoped
public class KubeletLogProxy {

    private static final Logger LOG = Logger.getLogger(KubeletLogProxy.class);

    /**
     * Log streams from one kubelet at one time (a follow holds its connection for as long as it
     * lasts); more wait for one to end. Kubernetes sets no limit; this one is far above use.
     */
    private static final int MAX_STREAMS_PER_KUBELET = 1024;

    /** How much of a kubelet's error answer is relayed; the Kubernetes api-server reads as much. */
    private static final int MAX_ERROR_BYTES = 50_000;

    private final HttpClient client;

    public KubeletLogProxy(Vertx vertx, SkiffConfig config) {
        long connectTimeout = config.api().kubelet().connectTimeout().toMillis();
        // a connection per stream: no pooled connection the kubelet may have closed meanwhile
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout))
                .setKeepAlive(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_STREAMS_PER_KUBELET));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Streams {@code uri} from {@code kubelet} to the request's response, from the connection's event loop. */
    public void stream(RoutingContext ctx, Context eventLoop, KubeletEndpoint kubelet, String uri) {
        eventLoop.runOnContext(v -> new LogStream(ctx, kubelet, uri).start());
    }

    /** One proxied request; all of it runs on the client connection's event loop. */
    private final class LogStream {

        private final RoutingContext ctx;
        private final HttpServerResponse response;
        private final KubeletEndpoint kubelet;
        private final String uri;
        private HttpClientRequest request;
        private boolean clientGone;

        LogStream(RoutingContext ctx, KubeletEndpoint kubelet, String uri) {
            this.ctx = ctx;
            this.response = ctx.response();
            this.kubelet = kubelet;
            this.uri = uri;
        }

        void start() {
            if (response.closed()) {
                return;
            }
            response.closeHandler(v -> clientGone());
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                    .setHost(kubelet.host()).setPort(kubelet.port()).setURI(uri);
            client.request(options).onComplete(ar -> {
                if (ar.succeeded()) {
                    send(ar.result());
                } else {
                    fail("cannot be reached", ar.cause());
                }
            });
        }

        private void clientGone() {
            clientGone = true;
            if (request != null) {
                request.reset();
            }
        }

        private void send(HttpClientRequest sent) {
            request = sent;
            if (clientGone) {
                sent.reset();
                return;
            }
            sent.send().onComplete(ar -> {
                if (ar.succeeded()) {
                    answer(ar.result());
                } else {
                    fail("did not answer", ar.cause());
                }
            });
        }

        private void answer(HttpClientResponse upstream) {
            if (clientGone) {
                request.reset();
                return;
            }
            if (upstream.statusCode() / 100 != 2) {
                relayError(upstream);
                return;
            }
            response.setStatusCode(200)
                    .setChunked(true)
                    .putHeader("Content-Type", "text/plain")
                    .putHeader("Cache-Control", "no-cache, private");
            response.writeHead();
            upstream.pipeTo(response).onFailure(e ->
                    LOG.debugf("log stream %s from %s ended early: %s", uri, kubelet.authority(), e.toString()));
        }

        private void relayError(HttpClientResponse upstream) {
            Buffer body = Buffer.buffer();
            upstream.handler(chunk -> {
                int room = MAX_ERROR_BYTES - body.length();
                if (room > 0) {
                    body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                }
            });
            upstream.exceptionHandler(e -> fail("broke off its answer", e));
            upstream.endHandler(v -> {
                if (KubeletErrors.isStatus(body) && upstream.statusCode() >= 400) {
                    response.setStatusCode(upstream.statusCode())
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-cache, private")
                            .end(body);
                } else {
                    Responses.error(ctx, KubeletErrors.of(kubelet, upstream.statusCode(), body.toString(StandardCharsets.UTF_8).trim()));
                }
            });
        }

        private void fail(String what, Throwable cause) {
            if (clientGone || response.ended()) {
                return;
            }
            LOG.debugf("kubelet of node %s at %s %s: %s", kubelet.node(), kubelet.authority(), what, cause.toString());
            Responses.error(ctx, ApiException.unavailable("the kubelet of node \"" + kubelet.node() + "\" at "
                    + kubelet.authority() + " " + what + ": " + cause.getMessage()));
        }
    }
}
