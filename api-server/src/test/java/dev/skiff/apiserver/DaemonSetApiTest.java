package dev.skiff.apiserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** apps/v1 daemonsets (defaults, validation that stores nothing, generation, the status subresource) and controllerrevisions. */
@QuarkusTest
class DaemonSetApiTest {

    private static final String DAEMONSETS = "/apis/apps/v1/namespaces/default/daemonsets";

    private static String daemonSet(String name, String strategy) {
        return """
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"%1$s"},
                 "spec":{"selector":{"matchLabels":{"app":"%1$s"}},%2$s
                  "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"containers":[{"name":"agent","image":"agent:1"}]}}}}"""
                .formatted(name, strategy);
    }

    @Test
    void defaultsGenerationAndStatus() {
        given().contentType(ContentType.JSON).body(daemonSet("ds-defaults", "")).post(DAEMONSETS).then().statusCode(201)
                .body("metadata.generation", equalTo(1))
                .body("spec.updateStrategy.type", equalTo("RollingUpdate"))
                .body("spec.updateStrategy.rollingUpdate.maxUnavailable", equalTo(1))
                .body("spec.updateStrategy.rollingUpdate.maxSurge", equalTo(0))
                .body("spec.revisionHistoryLimit", equalTo(10))
                .body("spec.template.spec.restartPolicy", equalTo("Always"));
        given().contentType("application/strategic-merge-patch+json")
                .body("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"agent\",\"image\":\"agent:2\"}]}}}}")
                .patch(DAEMONSETS + "/ds-defaults").then().statusCode(200)
                .body("metadata.generation", equalTo(2)).body("spec.template.spec.containers[0].image", equalTo("agent:2"));
        given().contentType("application/merge-patch+json").body("{\"status\":{\"desiredNumberScheduled\":3,\"numberReady\":1}}")
                .patch(DAEMONSETS + "/ds-defaults/status").then().statusCode(200)
                .body("metadata.generation", equalTo(2)).body("status.desiredNumberScheduled", equalTo(3));
        given().accept("application/json;as=Table;g=meta.k8s.io;v=v1").get(DAEMONSETS).then().statusCode(200)
                .body("columnDefinitions.name", hasItem("Node Selector"))
                .body("rows.find { it.cells[0] == 'ds-defaults' }.cells[1]", equalTo(3));
    }

    @Test
    void anUpdateThatBothSurgesAndMakesUnavailableIsRefusedAndNotStored() {
        given().contentType(ContentType.JSON)
                .body(daemonSet("ds-both", "\"updateStrategy\":{\"rollingUpdate\":{\"maxUnavailable\":1,\"maxSurge\":1}},"))
                .post(DAEMONSETS).then().statusCode(422)
                .body("reason", equalTo("Invalid"))
                .body("details.causes.field", hasItem("spec.updateStrategy.rollingUpdate.maxSurge"));
        given().get(DAEMONSETS + "/ds-both").then().statusCode(404);
    }

    @Test
    void aRevisionsDataStaysAsItWasAndItsNumberIsNotNegative() {
        String revisions = "/apis/apps/v1/namespaces/default/controllerrevisions";
        given().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"agent-1\"},"
                        + "\"revision\":1,\"data\":{\"spec\":{\"template\":{\"$patch\":\"replace\"}}}}")
                .post(revisions).then().statusCode(201).body("revision", equalTo(1));
        given().contentType("application/merge-patch+json").body("{\"data\":{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}}")
                .patch(revisions + "/agent-1").then().statusCode(422).body("details.causes.field", hasItem("data"));
        given().contentType("application/merge-patch+json").body("{\"revision\":-1}")
                .patch(revisions + "/agent-1").then().statusCode(422).body("details.causes.field", hasItem("revision"));
        given().contentType("application/merge-patch+json").body("{\"revision\":4}")
                .patch(revisions + "/agent-1").then().statusCode(200).body("revision", equalTo(4))
                .body("data.spec.template.$patch", equalTo("replace"));
        given().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"agent-2\"},\"revision\":1}")
                .post(revisions).then().statusCode(422).body("details.causes.field", hasItem("data"));
        given().get(revisions + "/agent-2").then().statusCode(404);
    }
}
