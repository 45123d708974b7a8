package dev.skiff.apiserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.skiff.apiserver.StreamClient.StreamSocket;
import dev.skiff.testing.FreePorts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pods/NAME/exec} and {@code pods/NAME/attach}: Kubernetes' checks of the options, pod,
 * container and node, and the WebSocket joined to the kubelet of the pod's node, played here by a
 * {@link KubeletStub}.
 */
@QuarkusTest
class PodStreamsTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String NODE = "exec-node";
    private static final String V5 = "v5.channel.k8s.io";

    private static KubeletStub kubelet;
    private static StreamClient client;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void start() throws Exception {
        kubelet = new KubeletStub();
        client = new StreamClient();
    }

    @AfterAll
    static void stop() throws Exception {
        kubelet.close();
        client.close();
    }

    /** Creates a pod on {@code node} (unbound when null) with these app containers. */
    private static void pod(String name, String node, List<String> containers) {
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{%s"containers":%s}}
                """.formatted(name, nodeName, containers.stream()
                        .map(n -> "{\"name\":\"" + n + "\",\"image\":\"skiff.local/busybox:1\"}")
                        .collect(Collectors.joining(",", "[", "]"))))
                .post(PODS).then().statusCode(201);
    }

    private StreamSocket connect(String pod, String query, List<String> subProtocols) throws Exception {
        return connect(pod, "exec", query, subProtocols, false);
    }

    private StreamSocket connect(String pod, String query, List<String> subProtocols, boolean paused) throws Exception {
        return connect(pod, "exec", query, subProtocols, paused);
    }

    /** SUBRESOURCE exec or attach; PAUSED: the client reads nothing until its socket is resumed. */
    private StreamSocket connect(String pod, String subresource, String query, List<String> subProtocols, boolean paused) throws Exception {
        return client.connect(base, PODS + "/" + pod + "/" + subresource + "?" + query, subProtocols, paused);
    }

    private static Buffer message(int channel, String text) {
        return Buffer.buffer().appendByte((byte) channel).appendString(text);
    }

    @Test
    void theClientsSocketIsJoinedToTheKubeletsBothWays() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-plain", NODE, List.of("main"));
        List<Buffer> fromClient = new CopyOnWriteArrayList<>();
        AtomicBoolean kubeletClosed = new AtomicBoolean();
        kubelet.answerWebSocket("/exec/default/exec-plain/main", socket -> {
            socket.binaryMessageHandler(fromClient::add);
            socket.closeHandler(closed -> kubeletClosed.set(true));
            socket.writeBinaryMessage(message(1, "out " + socket.subProtocol()));
            socket.writeBinaryMessage(message(2, "err"));
        });

        StreamSocket exec = connect("exec-plain", "command=sh&command=-c&command=echo%20hi&stdin=true&stdout=true&stderr=true", List.of(V5));

        assertThat(exec.socket().subProtocol()).isEqualTo(V5);
        await().atMost(Duration.ofSeconds(10)).until(() -> exec.received().size() == 2);
        assertThat(exec.received()).containsExactly(message(1, "out " + V5), message(2, "err"));
        exec.socket().writeBinaryMessage(message(0, "typed\n"));
        exec.socket().writeBinaryMessage(message(4, "{\"Width\":80,\"Height\":24}"));
        exec.socket().writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 255, 0}));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromClient.size() == 3);
        assertThat(fromClient.subList(0, 2)).containsExactly(message(0, "typed\n"), message(4, "{\"Width\":80,\"Height\":24}"));
        assertThat(fromClient.get(2).getBytes()).containsExactly(255, 0);
        assertThat(kubelet.requests("/exec/default/exec-plain/main")).singleElement().satisfies(request ->
                assertThat(request.rawQuery()).isEqualTo("command=sh&command=-c&command=echo+hi&stdin=true&stdout=true&stderr=true&tty=false"));

        exec.socket().close();
        await().atMost(Duration.ofSeconds(10)).untilTrue(exec.closed());
        await("the kubelet's socket closed with the client's").atMost(Duration.ofSeconds(10)).untilTrue(kubeletClosed);
    }

    @Test
    void aClientThatReadsLateStillGetsEveryMessageAndTheStatusLast() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-slow", NODE, List.of("main"));
        int messages = 300;
        String chunk = "x".repeat(32 * 1024);
        String success = "{\"metadata\":{},\"status\":\"Success\"}";
        AtomicBoolean written = new AtomicBoolean();
        // ~10 MB, more than the sockets' buffers hold, so the api-server has to hold the kubelet back
        kubelet.answerWebSocket("/exec/default/exec-slow/main", socket -> {
            for (int i = 0; i < messages; i++) {
                socket.writeBinaryMessage(message(1, chunk));
            }
            socket.writeBinaryMessage(message(3, success));
            socket.close();
            written.set(true);
        });

        StreamSocket exec = connect("exec-slow", "command=true&stdout=true", List.of(V5), true);
        await().atMost(Duration.ofSeconds(10)).untilTrue(written);
        exec.socket().resume();

        await().atMost(Duration.ofSeconds(30)).untilTrue(exec.closed());
        assertThat(exec.received()).hasSize(messages + 1);
        assertThat(exec.received().subList(0, messages)).allMatch(message -> message.equals(message(1, chunk)));
        assertThat(exec.received().get(messages)).isEqualTo(message(3, success));
    }

    @Test
    void aKubeletThatEndsWithoutTheExitStatusEndsTheClientsStreamWithAnError() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-cut", NODE, List.of("main"));
        kubelet.answerWebSocket("/exec/default/exec-cut/main", socket -> {
            socket.writeBinaryMessage(message(1, "partial"));
            socket.close();
        });

        StreamSocket exec = connect("exec-cut", "command=true&stdout=true", List.of(V5));

        await().atMost(Duration.ofSeconds(10)).untilTrue(exec.closed());
        assertThat(exec.received()).hasSize(2).first().isEqualTo(message(1, "partial"));
        Buffer status = exec.received().get(1);
        assertThat(status.getByte(0)).isEqualTo((byte) 3);
        assertThat(status.getString(1, status.length(), "UTF-8")).contains("\"code\":500", "\"status\":\"Failure\"",
                "the kubelet of node \\\"" + NODE + "\\\" at 127.0.0.1:" + kubelet.port()
                        + " ended the stream without its final status");
    }

    @Test
    void theKubeletsEndClosesTheClientsSocket() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-end", NODE, List.of("main"));
        String success = "{\"metadata\":{},\"status\":\"Success\"}";
        kubelet.answerWebSocket("/exec/default/exec-end/main", socket -> {
            socket.writeBinaryMessage(message(3, success));
            socket.close();
        });

        StreamSocket exec = connect("exec-end", "command=true&stdout=true", List.of(V5));

        await().atMost(Duration.ofSeconds(10)).untilTrue(exec.closed());
        assertThat(exec.received()).containsExactly(message(3, success));
    }

    @Test
    void theKubeletsRefusalEndsTheClientsStreamAsItIs() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-refused", NODE, List.of("main"));
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"container not found (\\\"main\\\")\",\"reason\":\"NotFound\",\"code\":404}";
        kubelet.answer("/exec/default/exec-refused/main", request ->
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(status));

        StreamSocket exec = connect("exec-refused", "command=true&stdout=true", List.of(V5));

        await().atMost(Duration.ofSeconds(10)).untilTrue(exec.closed());
        assertThat(exec.received()).containsExactly(message(3, status));
    }

    @Test
    void anUnreachableKubeletEndsTheClientsStreamWithServiceUnavailable() throws Exception {
        int closedPort = FreePorts.one();
        KubeletStub.registerNode("exec-dead-node", closedPort);
        pod("exec-dead", "exec-dead-node", List.of("main"));

        StreamSocket exec = connect("exec-dead", "command=true&stdout=true", List.of(V5));

        await().atMost(Duration.ofSeconds(10)).untilTrue(exec.closed());
        assertThat(exec.received()).singleElement().satisfies(message -> {
            assertThat(message.getByte(0)).isEqualTo((byte) 3);
            String text = message.getString(1, message.length(), "UTF-8");
            assertThat(text).contains("\"code\":503", "\"reason\":\"ServiceUnavailable\"",
                    "the kubelet of node \\\"exec-dead-node\\\" at 127.0.0.1:" + closedPort + " cannot be reached");
        });
    }

    @Test
    void badRequestsAreRefusedBeforeTheKubeletIsAsked() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("exec-checked", NODE, List.of("main", "side"));
        pod("exec-unbound", null, List.of("main"));
        String checked = PODS + "/exec-checked/exec";

        assertRefused(given().queryParams(Map.of("container", "main", "stdout", "true")).post(checked),
                400, "you must specify at least 1 command");
        assertRefused(given().queryParams(Map.of("container", "main", "command", "true")).post(checked),
                400, "you must specify at least one of stdin, stdout, stderr");
        assertRefused(given().queryParams(Map.of("container", "main", "command", "sh", "tty", "true", "stdout", "true", "stderr", "true"))
                        .post(checked),
                400, "stderr must be false when tty is true: a terminal has one output stream");
        assertRefused(given().queryParams(Map.of("command", "true", "stdout", "true")).post(checked),
                400, "a container name must be specified for pod exec-checked, choose one of: [main side]");
        assertRefused(given().queryParams(Map.of("container", "other", "command", "true", "stdout", "true")).post(checked),
                400, "container other is not valid for pod exec-checked");
        assertRefused(given().queryParams(Map.of("command", "true", "stdout", "true")).post(PODS + "/exec-unbound/exec"),
                400, "pod exec-unbound does not have a host assigned");
        assertRefused(given().queryParams(Map.of("command", "true", "stdout", "true")).post(PODS + "/exec-missing/exec"),
                404, "pods \"exec-missing\" not found");
        assertRefused(given().queryParams(Map.of("container", "main", "command", "true", "stdout", "true"))
                        .header("Connection", "Upgrade").header("Upgrade", "SPDY/3.1").post(checked),
                400, "pods/exec is served over WebSocket only (subprotocol v5.channel.k8s.io or v4.channel.k8s.io,"
                        + " which kubectl 1.30 and later speak), not over SPDY/3.1");
        given().queryParams(Map.of("container", "main", "command", "true", "stdout", "true")).put(checked).then().statusCode(405);
        assertThatThrownBy(() -> connect("exec-checked", "container=main&command=true&stdout=true", List.of("base64.channel.k8s.io")))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, rejected -> {
                    assertThat(rejected.getStatus()).isEqualTo(400);
                    assertThat(rejected.getBody().toString(StandardCharsets.UTF_8))
                            .contains("the WebSocket must offer subprotocol v5.channel.k8s.io or v4.channel.k8s.io");
                });

        assertThat(kubelet.requests("/exec/default/exec-checked/main")).isEmpty();
    }

    @Test
    void anAttachIsJoinedToTheKubeletsAttachWithItsStreamsAndNoCommand() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("attach-plain", NODE, List.of("main"));
        List<Buffer> fromClient = new CopyOnWriteArrayList<>();
        String success = "{\"metadata\":{},\"status\":\"Success\"}";
        kubelet.answerWebSocket("/attach/default/attach-plain/main", socket -> {
            socket.binaryMessageHandler(message -> {
                fromClient.add(message);
                socket.writeBinaryMessage(message(1, "echo " + message.getString(1, message.length(), "UTF-8")));
                socket.writeBinaryMessage(message(3, success));
                socket.close();
            });
        });

        StreamSocket attach = connect("attach-plain", "attach", "stdin=true&stdout=true&tty=true", List.of(V5), false);
        attach.socket().writeBinaryMessage(message(0, "typed\n"));

        await().atMost(Duration.ofSeconds(10)).untilTrue(attach.closed());
        assertThat(fromClient).containsExactly(message(0, "typed\n"));
        assertThat(attach.received()).containsExactly(message(1, "echo typed\n"), message(3, success));
        assertThat(kubelet.requests("/attach/default/attach-plain/main")).singleElement().satisfies(request ->
                assertThat(request.rawQuery()).isEqualTo("stdin=true&stdout=true&stderr=false&tty=true"));
    }

    @Test
    void badAttachRequestsAreRefusedBeforeTheKubeletIsAsked() {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("attach-checked", NODE, List.of("main", "side"));
        String checked = PODS + "/attach-checked/attach";

        assertRefused(given().queryParams(Map.of("container", "main", "tty", "true")).post(checked),
                400, "you must specify at least one of stdin, stdout, stderr");
        assertRefused(given().queryParams(Map.of("container", "main", "tty", "true", "stdout", "true", "stderr", "true")).post(checked),
                400, "stderr must be false when tty is true: a terminal has one output stream");
        assertRefused(given().queryParams(Map.of("stdout", "true")).post(checked),
                400, "a container name must be specified for pod attach-checked, choose one of: [main side]");
        assertRefused(given().queryParams(Map.of("stdout", "true")).post(PODS + "/attach-missing/attach"),
                404, "pods \"attach-missing\" not found");
        assertRefused(given().queryParams(Map.of("container", "main", "stdout", "true")).post(checked),
                400, "pods/attach is served over WebSocket only (subprotocol v5.channel.k8s.io or v4.channel.k8s.io,"
                        + " which kubectl 1.30 and later speak), not over plain HTTP");
        given().queryParams(Map.of("container", "main", "stdout", "true")).delete(checked).then().statusCode(405);

        assertThat(kubelet.requests("/attach/default/attach-checked/main")).isEmpty();
    }

    private static void assertRefused(Response response, int code, String message) {
        response.then().statusCode(code)
                .body("kind", equalTo("Status"))
                .body("code", equalTo(code))
                .body("message", equalTo(message));
    }

    @Test
    void discoveryListsTheSubresources() {
        given().get("/api/v1").then().statusCode(200)
                .body("resources.find { it.name == 'pods/exec' }.kind", equalTo("PodExecOptions"))
                .body("resources.find { it.name == 'pods/exec' }.verbs", hasItems("create", "get"))
                .body("resources.find { it.name == 'pods/attach' }.kind", equalTo("PodAttachOptions"))
                .body("resources.find { it.name == 'pods/attach' }.verbs", hasItems("create", "get"));
    }
}
