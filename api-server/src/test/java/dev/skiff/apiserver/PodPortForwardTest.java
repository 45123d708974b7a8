package dev.skiff.apiserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.skiff.api.streaming.PortForwardProtocol;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pods/NAME/portforward}: Kubernetes' checks of the pod, and the SPDY tunnel's WebSocket
 * joined to the kubelet's ({@link KubeletStub} here), whose refusal is the answer to the upgrade.
 */
@QuarkusTest
class PodPortForwardTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String NODE = "forward-node";
    private static final String TUNNEL = PortForwardProtocol.SUBPROTOCOL;

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

    /** A pod on NODE (unbound when null) in PHASE (none when null). */
    private static void pod(String name, String node, String phase) {
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"main","image":"skiff.local/busybox:1"}]}}
                """.formatted(name, nodeName)).post(PODS).then().statusCode(201);
        if (phase != null) {
            given().contentType("application/merge-patch+json").body("{\"status\":{\"phase\":\"" + phase + "\"}}")
                    .patch(PODS + "/" + name + "/status").then().statusCode(200);
        }
    }

    private StreamSocket connect(String pod, List<String> subProtocols) throws Exception {
        return client.connect(base, PODS + "/" + pod + "/portforward", subProtocols, false);
    }

    @Test
    void theTunnelIsJoinedToTheKubeletsBothWays() throws Exception {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("forward-plain", NODE, "Running");
        List<Buffer> fromClient = new CopyOnWriteArrayList<>();
        AtomicBoolean kubeletClosed = new AtomicBoolean();
        kubelet.answerWebSocket("/portForward/default/forward-plain", socket -> {
            socket.binaryMessageHandler(fromClient::add);
            socket.closeHandler(closed -> kubeletClosed.set(true));
            socket.writeBinaryMessage(Buffer.buffer("from the kubelet over " + socket.subProtocol()));
        });

        StreamSocket tunnel = connect("forward-plain", List.of(TUNNEL));

        assertThat(tunnel.socket().subProtocol()).isEqualTo(TUNNEL);
        await().atMost(Duration.ofSeconds(10)).until(() -> tunnel.received().size() == 1);
        assertThat(tunnel.received()).containsExactly(Buffer.buffer("from the kubelet over " + TUNNEL));
        tunnel.socket().writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 0x80, 3, 0, 1}));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromClient.size() == 1);
        assertThat(fromClient.get(0).getBytes()).containsExactly(0x80, 3, 0, 1);

        tunnel.socket().close();
        await("the kubelet's socket closed with the client's").atMost(Duration.ofSeconds(10)).untilTrue(kubeletClosed);
    }

    @Test
    void theKubeletsRefusalIsTheAnswerToTheUpgradeAndToKubectlsSpdyRetry() {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("forward-refused", NODE, "Running");
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pod default/forward-refused is not on this node\",\"reason\":\"NotFound\",\"code\":404}";
        kubelet.answer("/portForward/default/forward-refused", request ->
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(status));

        assertThatThrownBy(() -> connect("forward-refused", List.of(TUNNEL)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, rejected -> {
                    assertThat(rejected.getStatus()).isEqualTo(404);
                    assertThat(rejected.getBody().toString(StandardCharsets.UTF_8)).isEqualTo(status);
                });
        assertRefused(given().header("Connection", "Upgrade").header("Upgrade", "SPDY/3.1").post(PODS + "/forward-refused/portforward"),
                404, "pod default/forward-refused is not on this node");
    }

    @Test
    void anUnreachableKubeletIsServiceUnavailable() {
        int closedPort = FreePorts.one();
        KubeletStub.registerNode("forward-dead-node", closedPort);
        pod("forward-dead", "forward-dead-node", "Running");

        assertThatThrownBy(() -> connect("forward-dead", List.of(TUNNEL)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, rejected -> {
                    assertThat(rejected.getStatus()).isEqualTo(503);
                    assertThat(rejected.getBody().toString(StandardCharsets.UTF_8)).contains("\"reason\":\"ServiceUnavailable\"",
                            "the kubelet of node \\\"forward-dead-node\\\" at 127.0.0.1:" + closedPort + " cannot be reached");
                });
    }

    @Test
    void badRequestsAreRefusedBeforeTheKubeletIsAsked() {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("forward-checked", NODE, "Running");
        pod("forward-pending", NODE, "Pending");
        String checked = PODS + "/forward-checked/portforward";

        assertRefused(given().queryParam("ports", "0").post(checked), 400, "invalid port \"0\": ports must be numbers from 1 to 65535");
        assertRefused(given().queryParam("ports", "http").post(checked), 400,
                "invalid port \"http\": ports must be numbers from 1 to 65535");
        assertRefused(given().post(PODS + "/forward-pending/portforward"), 400,
                "unable to forward port because pod is not running. Current status=Pending");
        assertRefused(given().post(PODS + "/forward-missing/portforward"), 404, "pods \"forward-missing\" not found");
        given().put(checked).then().statusCode(405);

        assertThat(kubelet.requests("/portForward/default/forward-checked")).isEmpty();
        assertThat(kubelet.requests("/portForward/default/forward-pending")).isEmpty();
    }

    @Test
    void aRequestThatIsNotAWebSocketIsRefusedOnceTheKubeletAccepts() {
        KubeletStub.registerNode(NODE, kubelet.port());
        pod("forward-spdy", NODE, "Running");
        AtomicBoolean kubeletClosed = new AtomicBoolean();
        kubelet.answerWebSocket("/portForward/default/forward-spdy", socket -> socket.closeHandler(closed -> kubeletClosed.set(true)));

        assertRefused(given().queryParam("ports", "8080").header("Connection", "Upgrade").header("Upgrade", "SPDY/3.1")
                        .post(PODS + "/forward-spdy/portforward"),
                400, "pods/portforward is served over WebSocket only (subprotocol " + TUNNEL
                        + ", which kubectl 1.31 and later speak), not over SPDY/3.1");
        await("the kubelet's socket is not left open").atMost(Duration.ofSeconds(10)).untilTrue(kubeletClosed);
    }

    private static void assertRefused(Response response, int code, String message) {
        response.then().statusCode(code)
                .body("kind", equalTo("Status"))
                .body("code", equalTo(code))
                .body("message", equalTo(message));
    }

    @Test
    void discoveryListsTheSubresource() {
        given().get("/api/v1").then().statusCode(200)
                .body("resources.find { it.name == 'pods/portforward' }.kind", equalTo("PodPortForwardOptions"))
                .body("resources.find { it.name == 'pods/portforward' }.verbs", hasItems("create", "get"));
    }
}
