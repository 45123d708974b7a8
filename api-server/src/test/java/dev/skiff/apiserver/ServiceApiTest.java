package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Services: defaults, and a full update that leaves out the cluster IP keeps it. */
@QuarkusTest
class ServiceApiTest {

    private static final String SERVICES = "/api/v1/namespaces/default/services";

    @Test
    void replaceWithoutClusterIPKeepsIt() {
        String body = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-keep"},
                 "spec":{"clusterIP":"10.96.0.20","selector":{"app":"web"},"ports":[{"port":80}]}}
                """;
        given().contentType(ContentType.JSON).body(body).post(SERVICES).then().statusCode(201)
                .body("spec.type", equalTo("ClusterIP"))
                .body("spec.ports[0].protocol", equalTo("TCP"))
                .body("spec.ports[0].targetPort", equalTo(80));
        String replacement = body.replace("\"clusterIP\":\"10.96.0.20\",", "").replace("\"port\":80", "\"port\":8080");
        given().contentType(ContentType.JSON).body(replacement).put(SERVICES + "/svc-keep").then().statusCode(200)
                .body("spec.clusterIP", equalTo("10.96.0.20"))
                .body("spec.ports[0].port", equalTo(8080));
    }
}
