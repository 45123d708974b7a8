package dev.skiff.apiserver;

import dev.skiff.testing.FreePorts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET pods/NAME/log}: Kubernetes' checks of the options, container and node, and the proxy
 * to the kubelet of the pod's node, played here by a {@link KubeletStub} that a Node points at.
 */
@QuarkusTest
class PodLogTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String NODE = "logs-node";

    private static KubeletStub kubelet;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startKubelet() throws Exception {
        kubelet = new KubeletStub();
    }

    @AfterAll
    static void stopKubelet() throws Exception {
        kubelet.close();
    }

    /** Registers a node whose status carries the kubelet's address (when not null) and port (when positive). */
    private static void node(String name, String address, int port) {
        String addresses = address == null ? "[]" : "[{\"type\":\"Hostname\",\"address\":\"" + name + ".invalid\"},"
                + "{\"type\":\"InternalIP\",\"address\":\"" + address + "\"}]";
        String endpoints = port > 0 ? ",\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + port + "}}" : "";
        int code = given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"},"status":{"addresses":%s%s}}
                """.formatted(name, addresses, endpoints)).post("/api/v1/nodes").statusCode();
        assertThat(code).as("creating node %s", name).isIn(201, 409);
    }

    private static void stubNode() {
        node(NODE, "127.0.0.1", kubelet.port());
    }

    /** Creates a pod on {@code node} (unbound when null) with these init and app containers. */
    private static void pod(String name, String node, List<String> initContainers, List<String> containers) {
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"initContainers":%s,"containers":%s}}
                """.formatted(name, nodeName, containers(initContainers), containers(containers)))
                .post(PODS).then().statusCode(201);
    }

    private static String containers(List<String> names) {
        return names.stream().map(n -> "{\"name\":\"" + n + "\",\"image\":\"skiff.local/busybox:1\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Response logs(String pod, Map<String, ?> query) {
        return given().queryParams(query).get(PODS + "/" + pod + "/log");
    }

    @Test
    void logsComeFromTheKubeletOfThePodsNode() {
        stubNode();
        pod("logs-plain", NODE, List.of(), List.of("main"));
        kubelet.answerText("/containerLogs/default/logs-plain/main", "line 1\nline 2\n");

        Response r = logs("logs-plain", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.asString()).isEqualTo("line 1\nline 2\n");
        assertThat(kubelet.requests("/containerLogs/default/logs-plain/main"))
                .singleElement().satisfies(req -> assertThat(req.query()).isEmpty());
    }

    @Test
    void optionsArePassedToTheKubelet() {
        stubNode();
        pod("logs-opts", NODE, List.of("setup"), List.of("main", "side"));
        kubelet.answerText("/containerLogs/default/logs-opts/side", "side says hi\n");
        kubelet.answerText("/containerLogs/default/logs-opts/setup", "setting up\n");

        Response r = logs("logs-opts", Map.of("container", "side", "tailLines", "5", "timestamps", "true",
                "previous", "true", "limitBytes", "100", "sinceSeconds", "300", "follow", "false"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.asString()).isEqualTo("side says hi\n");
        logs("logs-opts", Map.of("container", "side", "sinceTime", "2024-05-01T12:00:00.5+02:00", "timestamps", "0"))
                .then().statusCode(200);
        assertThat(kubelet.requests("/containerLogs/default/logs-opts/side")).extracting(KubeletStub.Request::query)
                .containsExactly(
                        Map.of("limitBytes", "100", "previous", "true", "sinceSeconds", "300", "tailLines", "5",
                                "timestamps", "true"),
                        Map.of("sinceTime", "2024-05-01T10:00:00Z"));

        // an init container is one of the pod's containers too
        assertThat(logs("logs-opts", Map.of("container", "setup")).asString()).isEqualTo("setting up\n");
    }

    @Test
    void followStreamsAsTheKubeletWritesAndEndsWhenTheClientGoes() throws Exception {
        String path = "/containerLogs/default/logs-follow/main";
        AtomicReference<HttpServerResponse> stream = new AtomicReference<>();
        AtomicBoolean kubeletSawClose = new AtomicBoolean();
        kubelet.answer(path, request -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
            response.closeHandler(v -> kubeletSawClose.set(true));
            stream.set(response);
            response.write("first line\n");
        });
        stubNode();
        pod("logs-follow", NODE, List.of(), List.of("main"));

        try (Socket client = new Socket(base.getHost(), base.getPort())) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write(("GET " + PODS + "/logs-follow/log?follow=true HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            String head = readUntil(in, "first line\n");
            assertThat(head).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("content-type: text/plain")
                    .containsIgnoringCase("transfer-encoding: chunked")
                    .doesNotContain("second line");
            assertThat(kubelet.requests(path)).singleElement()
                    .satisfies(req -> assertThat(req.query()).isEqualTo(Map.of("follow", "true")));

            stream.get().write("second line\n");
            assertThat(readUntil(in, "second line\n")).contains("second line\n");
            assertThat(kubeletSawClose).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).untilTrue(kubeletSawClose);
    }

    @Test
    void aClientThatDoesNotReadHoldsTheKubeletBack() throws Exception {
        String path = "/containerLogs/default/logs-slow/main";
        long total = 128L << 20;
        AtomicLong sent = new AtomicLong();
        kubelet.answer(path, request -> new Pump(request.response().setChunked(true), total, sent).run());
        stubNode();
        pod("logs-slow", NODE, List.of(), List.of("main"));

        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(base.resolve(PODS + "/logs-slow/log")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            // nothing read yet: the kubelet must stall once the buffers on the way are full, far short of the whole log
            AtomicLong lastSeen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1))
                    .until(() -> sent.get() < total && sent.get() == lastSeen.getAndSet(sent.get()));
            assertThat(sent.get()).isLessThan(total / 2);

            long received = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                received += n;
            }
            assertThat(received).isEqualTo(total);
        }
    }

    /** Writes {@code total} bytes as fast as the receiver takes them, honouring the write queue. */
    private record Pump(HttpServerResponse response, long total, AtomicLong sent) {
        private static final Buffer CHUNK = Buffer.buffer(new byte[1 << 16]);

        void run() {
            while (sent.get() < total && !response.writeQueueFull()) {
                response.write(CHUNK);
                sent.addAndGet(CHUNK.length());
            }
            if (sent.get() >= total) {
                response.end();
            } else {
                response.drainHandler(v -> run());
            }
        }
    }

    @Test
    void aPodWithSeveralContainersNeedsOne() {
        stubNode();
        pod("logs-multi", NODE, List.of("setup"), List.of("main", "side"));
        logs("logs-multi", Map.of()).then().statusCode(400)
                .body("kind", equalTo("Status"))
                .body("reason", equalTo("BadRequest"))
                .body("message", equalTo("a container name must be specified for pod logs-multi, choose one of: [setup main side]"));
        logs("logs-multi", Map.of("container", "nope")).then().statusCode(400)
                .body("reason", equalTo("BadRequest"))
                .body("message", equalTo("container nope is not valid for pod logs-multi"));
        assertThat(kubelet.requests("/containerLogs/default/logs-multi/nope")).isEmpty();
    }

    @Test
    void badOptionsAreRejectedBeforeTheKubeletIsAsked() {
        stubNode();
        pod("logs-bad", NODE, List.of(), List.of("main"));
        logs("logs-bad", Map.of("tailLines", "ten")).then().statusCode(400)
                .body("reason", equalTo("BadRequest"))
                .body("message", equalTo("invalid value for tailLines: \"ten\" is not an integer"));
        logs("logs-bad", Map.of("tailLines", "-1")).then().statusCode(422)
                .body("reason", equalTo("Invalid"))
                .body("details.kind", equalTo("PodLogOptions"))
                .body("details.causes[0].field", equalTo("tailLines"))
                .body("message", equalTo("PodLogOptions \"logs-bad\" is invalid: tailLines: Invalid value: -1: "
                        + "must be greater than or equal to 0"));
        logs("logs-bad", Map.of("limitBytes", "0")).then().statusCode(422)
                .body("message", equalTo("PodLogOptions \"logs-bad\" is invalid: limitBytes: Invalid value: 0: must be greater than 0"));
        logs("logs-bad", Map.of("sinceSeconds", "0")).then().statusCode(422)
                .body("message", equalTo("PodLogOptions \"logs-bad\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0"));
        logs("logs-bad", Map.of("sinceSeconds", "60", "sinceTime", "2024-05-01T12:00:00Z")).then().statusCode(422)
                .body("message", containsString("Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified"));
        logs("logs-bad", Map.of("sinceTime", "yesterday")).then().statusCode(400)
                .body("message", containsString("invalid value for sinceTime: \"yesterday\""));
        assertThat(kubelet.requests("/containerLogs/default/logs-bad/main")).isEmpty();
    }

    @Test
    void kubeletErrorsReachTheClientAsTheyAre() {
        stubNode();
        pod("logs-err", NODE, List.of(), List.of("main", "broken"));
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"previous terminated container \\\"main\\\" in pod \\\"logs-err\\\" not found\","
                + "\"reason\":\"NotFound\",\"code\":404}";
        kubelet.answer("/containerLogs/default/logs-err/main", request ->
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(status));
        kubelet.answer("/containerLogs/default/logs-err/broken", request ->
                request.response().setStatusCode(500).putHeader("Content-Type", "text/plain").end("runtime exploded\n"));

        Response notFound = logs("logs-err", Map.of("container", "main", "previous", "true"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.header("Content-Type")).isEqualTo("application/json");
        assertThat(notFound.asString()).isEqualTo(status);

        logs("logs-err", Map.of("container", "broken")).then().statusCode(500)
                .body("kind", equalTo("Status"))
                .body("reason", equalTo("InternalError"))
                .body("message", equalTo("runtime exploded"));
    }

    @Test
    void anUnreachableKubeletIsServiceUnavailable() throws Exception {
        int closedPort = FreePorts.one();
        node("logs-dead-node", "127.0.0.1", closedPort);
        pod("logs-dead", "logs-dead-node", List.of(), List.of("main"));
        logs("logs-dead", Map.of()).then().statusCode(503)
                .body("kind", equalTo("Status"))
                .body("reason", equalTo("ServiceUnavailable"))
                .body("message", containsString("the kubelet of node \"logs-dead-node\" at 127.0.0.1:" + closedPort
                        + " cannot be reached"));
    }

    @Test
    void thePodMustBeBoundToANodeWithAKubeletEndpoint() {
        pod("logs-unbound", null, List.of(), List.of("main"));
        logs("logs-unbound", Map.of()).then().statusCode(400)
                .body("reason", equalTo("BadRequest"))
                .body("message", equalTo("pod logs-unbound does not have a host assigned"));

        pod("logs-nodeless", "logs-missing-node", List.of(), List.of("main"));
        logs("logs-nodeless", Map.of()).then().statusCode(404)
                .body("reason", equalTo("NotFound"))
                .body("message", equalTo("nodes \"logs-missing-node\" not found"));

        node("logs-portless-node", "127.0.0.1", 0);
        pod("logs-portless", "logs-portless-node", List.of(), List.of("main"));
        logs("logs-portless", Map.of()).then().statusCode(503)
                .body("reason", equalTo("ServiceUnavailable"))
                .body("message", equalTo("node \"logs-portless-node\" has no kubelet port in "
                        + "status.daemonEndpoints.kubeletEndpoint.Port, so its kubelet cannot be reached"));

        node("logs-addressless-node", null, kubelet.port());
        pod("logs-addressless", "logs-addressless-node", List.of(), List.of("main"));
        logs("logs-addressless", Map.of()).then().statusCode(503)
                .body("reason", equalTo("ServiceUnavailable"))
                .body("message", equalTo("node \"logs-addressless-node\" has no InternalIP or Hostname address in "
                        + "status.addresses, so its kubelet cannot be reached"));

        logs("logs-no-such-pod", Map.of()).then().statusCode(404)
                .body("message", equalTo("pods \"logs-no-such-pod\" not found"));
        given().post(PODS + "/logs-unbound/log").then().statusCode(405);
    }

    /** Reads from {@code in} until {@code marker} has arrived; what was read so far, as text. */
    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!read.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return fail("\"" + marker + "\" did not arrive in time; got:\n" + read.toString(StandardCharsets.UTF_8));
            }
            if (n < 0) {
                return fail("the stream ended before \"" + marker + "\"; got:\n" + read.toString(StandardCharsets.UTF_8));
            }
            read.write(buffer, 0, n);
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
