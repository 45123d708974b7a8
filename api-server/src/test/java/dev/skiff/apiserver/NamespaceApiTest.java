package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

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
    void invalidNamespaceName() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("Not.A.Label")).post("/api/v1/namespaces")
                .then().statusCode(422).body("details.causes.field", hasItems("metadata.name"));
    }
}
