package dev.skiff.apiserver;

import dev.skiff.testing.FreePorts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * {@code metrics.k8s.io/v1beta1}, what {@code kubectl top} reads: node and pod metrics made from
 * the stored objects and the resource summaries of their kubelets, played here by a
 * {@link KubeletStub}; a node whose kubelet does not answer has none.
 */
@QuarkusTest
class MetricsApiTest {

    private static final String METRICS = "/apis/metrics.k8s.io/v1beta1";
    private static final String NODE = "metrics-node";
    private static final String SILENT = "metrics-silent-node";

    private static KubeletStub kubelet;

    @BeforeAll
    static void startKubelet() throws Exception {
        kubelet = new KubeletStub();
    }

    @AfterAll
    static void stopKubelet() throws Exception {
        kubelet.close();
    }

    private static void node(String name, int port) {
        int code = given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"tier":"metrics"}},
                 "status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}
                """.formatted(name, port)).post("/api/v1/nodes").statusCode();
        assertThat(code).as("creating node %s", name).isIn(201, 409);
    }

    /** Creates a pod bound to NODE and returns its uid. */
    private static String pod(String name, String app) {
        return given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
                 "spec":{"nodeName":"%s","containers":[{"name":"main","image":"skiff.local/busybox:1"},{"name":"side","image":"skiff.local/busybox:1"}]}}
                """.formatted(name, app, NODE)).post("/api/v1/namespaces/default/pods").then().statusCode(201).extract().path("metadata.uid");
    }

    private static String stats(long nanoCores, long bytes) {
        String rate = nanoCores < 0 ? "" : "\"usageNanoCores\":" + nanoCores + ",";
        return "\"cpu\":{\"time\":\"2026-11-27T12:00:00Z\"," + rate + "\"usageCoreNanoSeconds\":99},"
                + "\"memory\":{\"time\":\"2026-11-27T12:00:00Z\",\"workingSetBytes\":" + bytes + "}";
    }

    private static void summary(String busyUid, String newUid) {
        String body = """
                {"node":{"nodeName":"%s",%s},
                 "pods":[{"podRef":{"name":"top-busy","namespace":"default","uid":"%s"},
                          "containers":[{"name":"main",%s},{"name":"side",%s}]},
                         {"podRef":{"name":"top-new","namespace":"default","uid":"%s"},"containers":[{"name":"main",%s}]},
                         {"podRef":{"name":"top-busy","namespace":"default","uid":"an-older-pod"},"containers":[{"name":"main",%s}]}]}
                """.formatted(NODE, stats(250_000_000, 4 * 1024 * 1024), busyUid, stats(1_500_000, 2048), stats(0, 1000),
                newUid, stats(-1, 4096), stats(7, 7));
        kubelet.answer("/stats/summary", request -> request.response().putHeader("Content-Type", "application/json").end(body));
    }

    @Test
    void nodesAndPodsShowTheUsageTheirKubeletsReport() throws Exception {
        node(NODE, kubelet.port());
        node(SILENT, FreePorts.one());
        String busy = pod("top-busy", "top");
        String fresh = pod("top-new", "top");
        summary(busy, fresh);

        given().get(METRICS + "/nodes").then().statusCode(200)
                .body("kind", equalTo("NodeMetricsList"))
                .body("items.metadata.name", hasItem(NODE))
                .body("items.metadata.name", not(hasItem(SILENT)))
                .body("items.find { it.metadata.name == '" + NODE + "' }.usage.cpu", equalTo("250000000n"))
                .body("items.find { it.metadata.name == '" + NODE + "' }.usage.memory", equalTo("4096Ki"))
                .body("items.find { it.metadata.name == '" + NODE + "' }.metadata.labels.tier", equalTo("metrics"));
        given().get(METRICS + "/nodes/" + NODE).then().statusCode(200)
                .body("kind", equalTo("NodeMetrics")).body("timestamp", equalTo("2026-11-27T12:00:00Z"));
        given().get(METRICS + "/nodes/" + SILENT).then().statusCode(404)
                .body("message", equalTo("nodemetrics.metrics.k8s.io \"" + SILENT + "\" not found"));

        given().queryParam("labelSelector", "app=top").get(METRICS + "/namespaces/default/pods").then().statusCode(200)
                .body("kind", equalTo("PodMetricsList"))
                .body("items.metadata.name", contains("top-busy"))
                .body("items[0].metadata.namespace", equalTo("default"))
                .body("items[0].containers.name", contains("main", "side"))
                .body("items[0].containers.usage.cpu", contains("1500000n", "0n"))
                .body("items[0].containers.usage.memory", contains("2Ki", "1000"));
        given().queryParam("labelSelector", "app=other").get(METRICS + "/pods").then().statusCode(200)
                .body("items", empty());
        given().get(METRICS + "/namespaces/default/pods/top-new").then().statusCode(404)
                .body("message", equalTo("podmetrics.metrics.k8s.io \"top-new\" not found"));
        assertThat(kubelet.requests("/stats/summary")).isNotEmpty();
    }

    @Test
    void theMetricsGroupIsDiscoverableAndOnlyGetAndListAreServed() {
        given().get("/apis").then().statusCode(200).body("groups.name", hasItem("metrics.k8s.io"));
        given().get("/apis/metrics.k8s.io").then().statusCode(200).body("preferredVersion.version", equalTo("v1beta1"));
        given().get(METRICS).then().statusCode(200)
                .body("resources.name", containsInAnyOrder("nodes", "pods"))
                .body("resources.find { it.name == 'pods' }.namespaced", equalTo(true))
                .body("resources.find { it.name == 'nodes' }.verbs", contains("get", "list"));
        given().contentType(ContentType.JSON).body("{}").post(METRICS + "/nodes").then().statusCode(405);
        given().queryParams(Map.of("watch", "true")).get(METRICS + "/pods").then().statusCode(405)
                .body("reason", equalTo("MethodNotAllowed"));
        given().queryParam("labelSelector", "a in (").get(METRICS + "/nodes").then().statusCode(400);
    }
}
