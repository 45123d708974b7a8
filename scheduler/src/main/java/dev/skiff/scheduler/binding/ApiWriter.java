package dev.skiff.scheduler.binding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler's writes to the api-server (bindings, pod conditions, events): JSON over HTTP/1.1
 * with a pool of kept-alive connections, on Vert.x's non-blocking client. The scheduler writes one
 * binding and one event per pod, so the client's cost per request counts: measured on this project's
 * 2-CPU machine, Vert.x's client takes about a quarter of the CPU per request of fabric8's client
 * over the JDK's (which speaks HTTP/2 to the api-server on one connection, and on a 2-CPU JVM runs
 * each completion on a new thread).
 */
public final class ApiWriter implements AutoCloseable {

    /** An answer: its status code and body. */
    public record Response(int status, String body) {

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        /** The message of the Kubernetes Status the api-server answered with, and the code. */
        public String reason() {
            String message = "";
            try {
                JsonNode status = Json.MAPPER.readTree(body);
                message = status == null ? "" : status.path("message").asText("");
            } catch (IOException notJson) {
                message = body;
            }
            return (message.isEmpty() ? "HTTP " + status : message) + " (" + status + ")";
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpClient http;
    private final String host;
    private final int port;
    private final String basePath;

    /**
     * @param vertx          the Vert.x instance to run on
     * @param apiServerUrl   e.g. {@code http://127.0.0.1:6443}
     * @param maxConnections connections kept to the api-server at most
     */
    public ApiWriter(Vertx vertx, String apiServerUrl, int maxConnections) {
        this(vertx, false, apiServerUrl, maxConnections);
    }

    private ApiWriter(Vertx vertx, boolean ownsVertx, String apiServerUrl, int maxConnections) {
        URI uri = URI.create(apiServerUrl);
        boolean tls = "https".equals(uri.getScheme());
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        this.basePath = uri.getPath() == null || uri.getPath().equals("/") ? "" : uri.getPath().replaceAll("/$", "");
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setKeepAlive(true)
                .setConnectTimeout((int) Duration.ofSeconds(10).toMillis()), new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /** A writer with a Vert.x instance of its own, closed with it: for use outside the Quarkus application (tests, benchmarks). */
    public static ApiWriter standalone(String apiServerUrl, int maxConnections) {
        return new ApiWriter(Vertx.vertx(), true, apiServerUrl, maxConnections);
    }

    /**
     * Sends a request with a body (null for none); the future completes with the answer, whatever
     * its status, or exceptionally if the api-server could not be reached or did not answer in 30 s.
     */
    public CompletableFuture<Response> send(HttpMethod method, String path, String contentType, String body) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port)
                .setURI(basePath + path).setTimeout(REQUEST_TIMEOUT.toMillis())
                .putHeader("Accept", "application/json");
        if (contentType != null) {
            options.putHeader("Content-Type", contentType);
        }
        http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), bytes.toString())))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answer.complete(result.result());
                    } else {
                        answer.completeExceptionally(result.cause());
                    }
                });
        return answer;
    }

    /** POSTs a JSON object. */
    public CompletableFuture<Response> post(String path, String json) {
        return send(HttpMethod.POST, path, "application/json", json);
    }

    @Override
    public void close() {
        http.close();
        if (ownsVertx) {
            vertx.close();
        }
    }
}
