package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The DefaultTolerationSeconds admission: new pods tolerate a not-ready or unreachable node for 3 s by default. */
@QuarkusTest
class PodDefaultTolerationsTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";

    private Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PODS);
    }

    @Test
    void aNewPodToleratesNotReadyAndUnreachableForTheDefaultSeconds() {
        create(Manifests.pod("tol-default")).then().statusCode(201)
                .body("spec.tolerations", hasSize(2))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/not-ready' }.operator", equalTo("Exists"))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/not-ready' }.effect", equalTo("NoExecute"))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/not-ready' }.tolerationSeconds", equalTo(3))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/unreachable' }.effect", equalTo("NoExecute"))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/unreachable' }.tolerationSeconds", equalTo(3));
    }

    @Test
    void aPodsOwnTolerationIsKept() {
        String body = Manifests.pod("tol-own").replace("\"containers\"",
                "\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"}],\"containers\"");
        create(body).then().statusCode(201)
                .body("spec.tolerations", hasSize(2))
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/unreachable' }.tolerationSeconds", nullValue())
                .body("spec.tolerations.find { it.key == 'node.kubernetes.io/not-ready' }.tolerationSeconds", equalTo(3));
    }

    @Test
    void aFullUpdateThatLeavesThemOutKeepsThem() {
        create(Manifests.pod("tol-update")).then().statusCode(201);
        Map<String, Object> pod = given().get(PODS + "/tol-update").then().extract().path("");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) pod.get("spec");
        spec.remove("tolerations");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) pod.get("metadata");
        meta.put("labels", Map.of("app", "web", "tier", "front"));
        List<Map<String, Object>> tolerations = given().contentType(ContentType.JSON).body(pod).put(PODS + "/tol-update")
                .then().statusCode(200).body("metadata.labels.tier", equalTo("front"))
                .extract().path("spec.tolerations");
        assertThat(tolerations).extracting(t -> t.get("key"))
                .containsExactly("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");
    }
}
