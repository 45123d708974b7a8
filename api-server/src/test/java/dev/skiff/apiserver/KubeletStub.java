package dev.skiff.apiserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.PortForwardProtocol;
import io.restassured.http.ContentType;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stand-in for a kubelet's log and exec endpoints: a real HTTP server on a loopback port (its own
 * Vert.x) that records each request's path and query and answers it with the handler set for its
 * path (a WebSocket handler for an upgrade, when one is set), or 404 without one.
 */
public final class KubeletStub implements AutoCloseable {

    /** One request the stub received: its path, its query parameters (first value of each, in order) and its query as sent. */
    public record Request(String path, Map<String, String> query, String rawQuery) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, Handler<HttpServerRequest>> answers = new ConcurrentHashMap<>();
    private final Map<String, Handler<ServerWebSocket>> webSockets = new ConcurrentHashMap<>();

    public KubeletStub() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(
                        Stream.concat(Channels.SUBPROTOCOLS.stream(), Stream.of(PortForwardProtocol.SUBPROTOCOL)).toList()))
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** Creates node NAME (if missing) whose kubelet is at 127.0.0.1:PORT. */
    public static void registerNode(String name, int port) {
        int code = given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"},
                 "status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}
                """.formatted(name, port)).post("/api/v1/nodes").statusCode();
        assertThat(code).as("creating node %s", name).isIn(201, 409);
    }

    /** Answers the requests for {@code path} with {@code handler} (on the stub's event loop). */
    public void answer(String path, Handler<HttpServerRequest> handler) {
        answers.put(path, handler);
    }

    /** Answers the requests for {@code path} with 200 and {@code text}, chunked, as a kubelet streams a log. */
    public void answerText(String path, String text) {
        answer(path, request -> request.response().setChunked(true).putHeader("Content-Type", "text/plain").end(text));
    }

    /** Upgrades the WebSocket requests for {@code path} and hands each socket to {@code handler} (on the stub's event loop). */
    public void answerWebSocket(String path, Handler<ServerWebSocket> handler) {
        webSockets.put(path, handler);
    }

    /** The requests received for {@code path}, oldest first. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpServerRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        requests.add(new Request(request.path(), query, request.query()));
        Handler<ServerWebSocket> webSocket = webSockets.get(request.path());
        if (webSocket != null && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket().onSuccess(webSocket);
            return;
        }
        Handler<HttpServerRequest> handler = answers.get(request.path());
        if (handler == null) {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such log");
        } else {
            handler.handle(request);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
