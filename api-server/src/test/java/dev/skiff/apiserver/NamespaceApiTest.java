package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Namespaces: the system ones exist, deletion goes through Terminating and the finalize subresource. */
@QuarkusTest
class NamespaceApiTest {

    @Test
    void systemNamespacesExist() {
        given().get("/api/v1/namespaces").then().statusCode(200)
                .body("items.metadata.name", hasItems("default", "kube-system", "kube-public", "kube-node-lease"))
                .body("items.find { it.metadata.name == 'default' }.status.phase", equalTo("Active"));
    }

    @Test
    void defaultNamespaceCannotBeDeleted() {
        given().delete("/api/v1/namespaces/default").then().statusCode(403).body("reason", equalTo("Forbidden"));
        given().get("/api/v1/namespaces/default").then().statusCode(200);
    }

    @Test
    void deletionTerminatesThenFinalizes() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("doomed")).post("/api/v1/namespaces").then().statusCode(201)
                .body("spec.finalizers", hasItems("kubernetes"));
        given().delete("/api/v1/namespaces/doomed").then().statusCode(200).body("status.phase", equalTo("Terminating"));
        given().contentType(ContentType.JSON).body(Manifests.pod("late")).post("/api/v1/namespaces/doomed/pods")
                .then().statusCode(403);
        String ns = given().get("/api/v1/namespaces/doomed").asString().replace("\"finalizers\":[\"kubernetes\"]", "\"finalizers\":[]");
        given().contentType(ContentType.JSON).body(ns).put("/api/v1/namespaces/doomed/finalize").then().statusCode(200);
        given().get("/api/v1/namespaces/doomed").then().statusCode(404);
    }

    @Test
    void terminatingNamespaceCannotBeDeletedAgain() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("doomed-twice")).post("/api/v1/namespaces").then().statusCode(201);
        given().delete("/api/v1/namespaces/doomed-twice").then().statusCode(200);
        given().delete("/api/v1/namespaces/doomed-twice").then().statusCode(409).body("reason", equalTo("Conflict"))
                .body("message", equalTo("Operation cannot be fulfilled on namespaces \"doomed-twice\": The system is ensuring "
                        + "all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system."));
        given().get("/api/v1/namespaces/doomed-twice").then().statusCode(200).body("status.phase", equalTo("Terminating"));
    }

    @Test
    void onlyTheFinalizeSubresourceChangesSpecFinalizers() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("kept")).post("/api/v1/namespaces").then().statusCode(201);
        given().delete("/api/v1/namespaces/kept").then().statusCode(200);
        given().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"finalizers\":[]}}")
                .patch("/api/v1/namespaces/kept").then().statusCode(200)
                .body("metadata.labels.a", equalTo("b"))
                .body("spec.finalizers", equalTo(List.of("kubernetes")));
        given().get("/api/v1/namespaces/kept").then().statusCode(200).body("spec.finalizers", equalTo(List.of("kubernetes")));
        String ns = given().get("/api/v1/namespaces/kept").asString().replace("\"finalizers\":[\"kubernetes\"]", "\"finalizers\":[]");
        given().contentType(ContentType.JSON).body(ns).put("/api/v1/namespaces/kept/finalize").then().statusCode(200);
        given().get("/api/v1/namespaces/kept").then().statusCode(404);
    }

    @Test
    void finalizeWithoutSpecFinalizersClearsThem() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("bare-finalize")).post("/api/v1/namespaces").then().statusCode(201);
        given().delete("/api/v1/namespaces/bare-finalize").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bare-finalize\"},\"spec\":{}}")
                .put("/api/v1/namespaces/bare-finalize/finalize").then().statusCode(200);
        given().get("/api/v1/namespaces/bare-finalize").then().statusCode(404);
    }

    @Test
    void deletionWithAPropagationPolicyStillTerminates() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("orphaning")).post("/api/v1/namespaces").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}")
                .delete("/api/v1/namespaces/orphaning").then().statusCode(200)
                .body("status.phase", equalTo("Terminating"))
                .body("metadata.finalizers", equalTo(List.of("orphan")))
                .body("spec.finalizers", equalTo(List.of("kubernetes")));
        given().contentType(ContentType.JSON).body(Manifests.pod("late")).post("/api/v1/namespaces/orphaning/pods")
                .then().statusCode(403);
    }

    @Test
    void invalidNamespaceName() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("Not.A.Label")).post("/api/v1/namespaces")
                .then().statusCode(422).body("details.causes.field", hasItems("metadata.name"));
    }
}
