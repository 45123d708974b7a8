package dev.skiff.runtime.docker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.skiff.runtime.testing.DockerEngine;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineHttpClientTest {

    private static final Duration CONNECT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private static EngineHttpClient client(String host, Duration readTimeout) {
        return new EngineHttpClient(EngineEndpoint.of(URI.create(host), null), CONNECT, readTimeout);
    }

    private static Request get(String path) {
        return Request.builder().method(Request.Method.GET).path(path).build();
    }

    private static String text(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theRealEngineAnswersAndReadsChunkedBodies() throws IOException {
        DockerHttpClient engine = client(DockerEngine.ensureRunning().toString(), Duration.ofSeconds(10));

        try (Response ping = engine.execute(get("/_ping"))) {
            assertThat(ping.getStatusCode()).isEqualTo(200);
            assertThat(text(ping.getBody())).isEqualTo("OK");
            assertThat(ping.getHeader("api-version")).as("header names are case-insensitive").isNotBlank();
        }
        try (Response version = engine.execute(get("/version"))) {
            assertThat(text(version.getBody())).contains("\"ApiVersion\"");
        }
        Request create = Request.builder().method(Request.Method.POST).path("/containers/create")
                .putHeader("content-type", "application/json")
                .body(new ByteArrayInputStream("{\"Image\": \"skiff-absent-image:1\"}".getBytes(StandardCharsets.UTF_8)))
                .build();
        try (Response refused = engine.execute(create)) {
            assertThat(refused.getStatusCode()).isEqualTo(404);
            assertThat(text(refused.getBody())).as("the engine read the image out of the chunked body")
                    .contains("No such image: skiff-absent-image:1");
        }
    }

    @Test
    void requestsAreFramedAsHttp11() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onUnixSocket(directory).answer("HTTP/1.1 204 No Content\r\n\r\n")) {
            Request request = Request.builder().method(Request.Method.POST).path("/v1.41/containers/x/start?detachKeys=a")
                    .putHeader("content-type", "application/json")
                    .body(new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                    .build();
            try (Response response = client(peer.host(), Duration.ofSeconds(5)).execute(request)) {
                assertThat(response.getStatusCode()).isEqualTo(204);
                assertThat(response.getBody().read()).isEqualTo(-1);
            }
            assertThat(peer.nextRequest()).isEqualTo("""
                    POST /v1.41/containers/x/start?detachKeys=a HTTP/1.1
                    Host: docker
                    content-type: application/json
                    Connection: close
                    Transfer-Encoding: chunked

                    {"a":1}""");
        }
    }

    @Test
    void bodiesEndWhereTheHeadSays() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onUnixSocket(directory)) {
            EngineHttpClient engine = client(peer.host(), Duration.ofSeconds(5));

            peer.answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6;name=value\r\nhello \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
            try (Response chunked = engine.execute(get("/logs"))) {
                assertThat(text(chunked.getBody())).isEqualTo("hello world");
            }
            peer.answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello and more");
            try (Response fixed = engine.execute(get("/fixed"))) {
                assertThat(fixed.getStatusCode()).as("interim answers are skipped").isEqualTo(200);
                assertThat(text(fixed.getBody())).isEqualTo("hello");
            }
            peer.answer("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nraw until the end");
            try (Response raw = engine.execute(get("/exec/1/start"))) {
                assertThat(text(raw.getBody())).isEqualTo("raw until the end");
            }
        }
    }

    @Test
    void malformedAnswersFailWithTheEngineNamed() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onUnixSocket(directory)) {
            EngineHttpClient engine = client(peer.host(), Duration.ofSeconds(5));

            peer.answer("SSH-2.0-OpenSSH\r\n\r\n");
            assertThatThrownBy(() -> engine.execute(get("/_ping")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("GET /_ping on the Docker engine at " + peer.host())
                    .hasMessageContaining("something other than HTTP/1.x");

            peer.answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
            try (Response truncated = engine.execute(get("/short"))) {
                assertThatThrownBy(() -> truncated.getBody().readAllBytes())
                        .isInstanceOf(EOFException.class)
                        .hasMessageContaining("5 bytes before the end");
            }
            peer.answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            try (Response badChunk = engine.execute(get("/chunks"))) {
                assertThatThrownBy(() -> badChunk.getBody().read()).hasMessageContaining("malformed chunk size: zz");
            }
        }
    }

    @Test
    void aQuietEngineFailsTheCallAfterTheReadTimeout() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onUnixSocket(directory).hold()) {
            EngineHttpClient engine = client(peer.host(), Duration.ofMillis(300));

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> engine.execute(get("/containers/json")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("GET /containers/json on the Docker engine at " + peer.host())
                    .hasMessageContaining("no answer within 300 ms"));
        }
    }

    @Test
    void closingTheResponseEndsAReadThatWaits() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onUnixSocket(directory).hold()
                .answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n")) {
            Response following = client(peer.host(), null).execute(get("/containers/x/logs?follow=1"));
            byte[] first = new byte[5];
            assertThat(following.getBody().readNBytes(first, 0, 5)).isEqualTo(5);
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("first");

            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    following.getBody().read();
                    outcome.set(new AssertionError("the read returned although the peer sent nothing"));
                } catch (IOException expected) {
                    outcome.set(expected);
                }
            });
            reader.start();
            await("the read waits for the quiet peer").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(reader::isAlive);
            following.close();
            reader.join(Duration.ofSeconds(5).toMillis());
            assertThat(reader.isAlive()).as("the waiting read ended").isFalse();
            assertThat(outcome.get()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void plainTcpCarriesTheHostsPathPrefix() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.onTcp().answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")) {
            try (Response ping = client(peer.host() + "/prefix/", Duration.ofSeconds(5)).execute(get("/_ping"))) {
                assertThat(text(ping.getBody())).isEqualTo("OK");
            }
            String port = peer.host().substring(peer.host().lastIndexOf(':') + 1);
            assertThat(peer.nextRequest()).startsWith("GET /prefix/_ping HTTP/1.1\nHost: 127.0.0.1:" + port + "\n");
        }
    }

    @Test
    void anAbsentEngineIsRefusedClearly() {
        String absent = "unix://" + directory.resolve("no-docker.sock");
        assertThatThrownBy(() -> client(absent, Duration.ofSeconds(1)).execute(get("/_ping")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot connect to the Docker engine at " + absent);
    }
}
