package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** apps/v1 deployments: defaults, generation, immutable selector, and the scale subresource. */
@QuarkusTest
class DeploymentApiTest {

    private static final String DEPLOYS = "/apis/apps/v1/namespaces/default/deployments";

    private Response create(String name, int replicas) {
        return given().contentType(ContentType.JSON).body(Manifests.deployment(name, replicas)).post(DEPLOYS);
    }

    @Test
    void defaultsAndGeneration() {
        create("d-defaults", 2).then().statusCode(201)
                .body("metadata.generation", equalTo(1))
                .body("spec.strategy.type", equalTo("RollingUpdate"))
                .body("spec.strategy.rollingUpdate.maxSurge", equalTo("25%"))
                .body("spec.revisionHistoryLimit", equalTo(10))
                .body("spec.progressDeadlineSeconds", equalTo(600))
                .body("spec.template.spec.restartPolicy", equalTo("Always"));
        given().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}")
                .patch(DEPLOYS + "/d-defaults").then().statusCode(200).body("metadata.generation", equalTo(1));
        given().contentType("application/merge-patch+json").body("{\"spec\":{\"replicas\":4}}")
                .patch(DEPLOYS + "/d-defaults").then().statusCode(200).body("metadata.generation", equalTo(2));
        given().contentType("application/merge-patch+json").body("{\"status\":{\"replicas\":4}}")
                .patch(DEPLOYS + "/d-defaults/status").then().statusCode(200)
                .body("metadata.generation", equalTo(2)).body("status.replicas", equalTo(4));
    }

    @Test
    void selectorIsImmutable() {
        create("d-sel", 1).then().statusCode(201);
        given().contentType("application/merge-patch+json")
                .body("{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}")
                .patch(DEPLOYS + "/d-sel").then().statusCode(422).body("details.causes.field", hasItem("spec.selector"));
    }

    @Test
    void selectorMustMatchTemplate() {
        String body = Manifests.deployment("d-mismatch", 1).replace("\"labels\":{\"app\":\"d-mismatch\"}", "\"labels\":{\"app\":\"x\"}");
        given().contentType(ContentType.JSON).body(body).post(DEPLOYS).then().statusCode(422)
                .body("details.causes.field", hasItem("spec.template.metadata.labels"));
    }

    @Test
    void scaleSubresource() {
        create("d-scale", 1).then().statusCode(201);
        given().get(DEPLOYS + "/d-scale/scale").then().statusCode(200)
                .body("kind", equalTo("Scale")).body("apiVersion", equalTo("autoscaling/v1"))
                .body("spec.replicas", equalTo(1)).body("status.selector", equalTo("app=d-scale"));
        given().contentType("application/merge-patch+json").body("{\"spec\":{\"replicas\":5}}")
                .patch(DEPLOYS + "/d-scale/scale").then().statusCode(200).body("spec.replicas", equalTo(5));
        given().get(DEPLOYS + "/d-scale").then().body("spec.replicas", equalTo(5));
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"d-scale\"},\"spec\":{\"replicas\":-1}}")
                .put(DEPLOYS + "/d-scale/scale").then().statusCode(422);
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"d-scale\",\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":2}}")
                .put(DEPLOYS + "/d-scale/scale").then().statusCode(409);
        given().get(DEPLOYS + "/d-scale").then().body("spec.replicas", equalTo(5));
    }
}
