package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Discovery documents, version and health endpoints. */
@QuarkusTest
class DiscoveryTest {

    @Test
    void coreGroup() {
        given().get("/api").then().statusCode(200).body("kind", equalTo("APIVersions")).body("versions", hasItem("v1"));
        given().get("/api/v1").then().statusCode(200)
                .body("kind", equalTo("APIResourceList"))
                .body("groupVersion", equalTo("v1"))
                .body("resources.name", hasItems("pods", "pods/status", "pods/binding", "nodes", "namespaces",
                        "services", "endpoints", "configmaps", "secrets", "serviceaccounts", "events"))
                .body("resources.find { it.name == 'serviceaccounts' }.shortNames", hasItem("sa"))
                .body("resources.find { it.name == 'pods' }.shortNames", hasItem("po"))
                .body("resources.find { it.name == 'pods' }.categories", hasItem("all"))
                .body("resources.find { it.name == 'pods' }.verbs", hasItems("create", "watch", "deletecollection"))
                .body("resources.find { it.name == 'nodes' }.namespaced", equalTo(false));
    }

    @Test
    void namedGroups() {
        given().get("/apis").then().statusCode(200).body("kind", equalTo("APIGroupList"))
                .body("groups.name", hasItems("apps", "coordination.k8s.io"));
        given().get("/apis/apps").then().statusCode(200).body("preferredVersion.groupVersion", equalTo("apps/v1"));
        given().get("/apis/apps/v1").then().statusCode(200)
                .body("resources.name", hasItems("deployments", "deployments/scale", "replicasets", "daemonsets", "daemonsets/status"))
                .body("resources.find { it.name == 'daemonsets' }.shortNames", hasItem("ds"))
                .body("resources.find { it.name == 'deployments/scale' }.kind", equalTo("Scale"))
                .body("resources.find { it.name == 'deployments' }.shortNames", hasItem("deploy"));
        given().get("/apis/coordination.k8s.io/v1").then().statusCode(200).body("resources.name", hasItem("leases"));
    }

    @Test
    void versionAndHealth() {
        given().get("/version").then().statusCode(200).body("major", equalTo("1"));
        given().get("/healthz").then().statusCode(200);
        given().get("/livez").then().statusCode(200);
        given().get("/readyz").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void tables() {
        given().header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .get("/api/v1/namespaces").then().statusCode(200)
                .body("kind", equalTo("Table"))
                .body("columnDefinitions.name", hasItems("Name", "Status", "Age"))
                .body("rows.cells.flatten()", hasItem("default"));
    }
}
