package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Bad input is a 4xx Status and leaves the store as it was. */
@QuarkusTest
class ErrorsTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";

    private void assertAbsent(String name) {
        given().get(PODS + "/" + name).then().statusCode(404);
    }

    @Test
    void malformedJsonIsBadRequest() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",").post(PODS)
                .then().statusCode(400).body("kind", equalTo("Status")).body("reason", equalTo("BadRequest"));
        given().contentType(ContentType.JSON).body("[1,2]").post(PODS).then().statusCode(400)
                .body("message", containsString("must be a JSON object"));
        given().contentType(ContentType.JSON).body("\"pod\"").post(PODS).then().statusCode(400)
                .body("message", containsString("must be a JSON object"));
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":\"m-1\"}").post(PODS)
                .then().statusCode(400).body("message", containsString("cannot be handled as a Pod: field metadata"));
    }

    @Test
    void malformedYamlIsBadRequest() {
        given().contentType("application/yaml").body("kind: Pod\n  bad: [".getBytes()).post(PODS).then().statusCode(400);
    }

    @Test
    void wrongFieldTypeIsBadRequest() {
        String body = Manifests.pod("typed-1").replace("\"containers\":[", "\"containers\":\"nope\",\"x\":[");
        given().contentType(ContentType.JSON).body(body).post(PODS).then().statusCode(400);
        assertAbsent("typed-1");
    }

    @Test
    void kindOrVersionNotMatchingThePathIsBadRequest() {
        given().contentType(ContentType.JSON).body(Manifests.pod("k-1").replace("\"kind\":\"Pod\"", "\"kind\":\"Service\""))
                .post(PODS).then().statusCode(400).body("message", containsString("does not match the expected kind"));
        given().contentType(ContentType.JSON).body(Manifests.pod("k-2").replace("\"apiVersion\":\"v1\"", "\"apiVersion\":\"apps/v1\""))
                .post(PODS).then().statusCode(400).body("message", containsString("does not match the expected API version"));
        assertAbsent("k-1");
        assertAbsent("k-2");
    }

    @Test
    void namespaceMismatchIsBadRequest() {
        String body = Manifests.pod("ns-1").replace("\"name\":\"ns-1\"", "\"name\":\"ns-1\",\"namespace\":\"kube-system\"");
        given().contentType(ContentType.JSON).body(body).post(PODS).then().statusCode(400)
                .body("message", containsString("namespace of the provided object does not match"));
        assertAbsent("ns-1");
    }

    @Test
    void missingNamespaceIsNotFound() {
        given().contentType(ContentType.JSON).body(Manifests.pod("x")).post("/api/v1/namespaces/nowhere/pods")
                .then().statusCode(404).body("message", equalTo("namespaces \"nowhere\" not found"));
    }

    @Test
    void invalidObjectIsUnprocessableWithCauses() {
        given().contentType(ContentType.JSON).body(Manifests.pod("Bad_Name")).post(PODS).then().statusCode(422)
                .body("reason", equalTo("Invalid"))
                .body("message", containsString("Pod \"Bad_Name\" is invalid"))
                .body("details.causes.field", hasItem("metadata.name"));
        String noImage = Manifests.pod("noimage").replace(",\"image\":\"skiff.local/busybox:1\"", "");
        given().contentType(ContentType.JSON).body(noImage).post(PODS).then().statusCode(422)
                .body("details.causes.field", hasItem("spec.containers[0].image"));
        assertAbsent("noimage");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String big = "x".repeat(3 * 1024 * 1024 + 10);
        given().contentType(ContentType.JSON).body(Manifests.configMap("big", "k", big))
                .post("/api/v1/namespaces/default/configmaps").then().statusCode(413)
                .body("kind", equalTo("Status")).body("reason", equalTo("RequestEntityTooLarge"));
        given().get("/api/v1/namespaces/default/configmaps/big").then().statusCode(404);
    }

    @Test
    void unknownResourceAndPathsAreNotFound() {
        given().get("/api/v1/widgets").then().statusCode(404).body("kind", equalTo("Status"));
        given().get("/apis/nope.example.com/v1").then().statusCode(404);
        given().get("/api/v1/namespaces/default/nodes").then().statusCode(404);
        given().get("/api/v1/namespaces/default/pods/a/b/c").then().statusCode(404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        given().contentType(ContentType.JSON).body("{}").put(PODS).then().statusCode(405).body("reason", equalTo("MethodNotAllowed"));
    }

    @Test
    void updateOfBadBodyLeavesObjectUnchanged() {
        given().contentType(ContentType.JSON).body(Manifests.configMap("keep", "a", "1"))
                .post("/api/v1/namespaces/default/configmaps").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{not json").put("/api/v1/namespaces/default/configmaps/keep").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Manifests.configMap("other", "a", "2"))
                .put("/api/v1/namespaces/default/configmaps/keep").then().statusCode(400);
        given().get("/api/v1/namespaces/default/configmaps/keep").then().statusCode(200).body("data.a", equalTo("1"));
    }

    @Test
    void unknownFieldsAreRejectedWhenStrictAndWarnedOtherwise() {
        String body = Manifests.pod("strict-1").replace("\"image\":", "\"imagee\":\"x\",\"image\":")
                .replace("\"labels\":", "\"labelz\":{},\"labels\":");
        given().contentType(ContentType.JSON).body(body).post(PODS + "?fieldValidation=Strict").then().statusCode(400)
                .body("reason", equalTo("BadRequest"))
                .body("message", containsString("unknown field \"metadata.labelz\""))
                .body("message", containsString("unknown field \"spec.containers[0].imagee\""));
        assertAbsent("strict-1");
        given().contentType(ContentType.JSON).body(body).post(PODS + "?fieldValidation=Warn").then().statusCode(201)
                .header("Warning", containsString("unknown field \\\"spec.containers[0].imagee\\\""))
                .body("spec.containers[0].imagee", nullValue());
        given().contentType(ContentType.JSON).body(body.replace("strict-1", "strict-2")).post(PODS + "?fieldValidation=Ignore")
                .then().statusCode(201).header("Warning", nullValue());
        // as Kubernetes, which decodes into its own types: unknown fields are dropped, not stored
        for (String name : List.of("strict-1", "strict-2")) {
            given().get(PODS + "/" + name).then().statusCode(200)
                    .body("metadata.labelz", nullValue())
                    .body("spec.containers[0].imagee", nullValue())
                    .body("spec.containers[0].image", equalTo("skiff.local/busybox:1"));
        }
        given().contentType(ContentType.JSON).body(Manifests.pod("strict-3")).post(PODS + "?fieldValidation=Sloppy")
                .then().statusCode(400).body("message", containsString("fieldValidation must be one of"));
        assertAbsent("strict-3");
    }
}
