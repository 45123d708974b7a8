package dev.skiff.apiserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply over HTTP ({@code application/apply-patch+yaml}) and the managed fields every
 * write keeps: who may apply, what an apply answers, and what stays as it was when it is refused.
 */
@QuarkusTest
class ServerSideApplyApiTest {

    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";
    private static final String APPLY = "application/apply-patch+yaml";

    private static String configMap(String name, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data: {%s}
                """.formatted(name, data);
    }

    private static ValidatableResponse apply(String name, String body, String query) {
        return given().contentType(APPLY).body(body.getBytes(StandardCharsets.UTF_8)).patch(CONFIG_MAPS + "/" + name + query).then();
    }

    @Test
    void anApplyCreatesThenMergesAndEveryWriteRecordsItsManager() {
        apply("applied", configMap("applied", "a: '1', b: '2'"), "?fieldManager=tool").statusCode(201)
                .body("data.a", equalTo("1"))
                .body("metadata.managedFields[0].manager", equalTo("tool"))
                .body("metadata.managedFields[0].operation", equalTo("Apply"))
                .body("metadata.managedFields[0].fieldsV1.'f:data'.'f:b'", equalTo(Map.of()));
        apply("applied", configMap("applied", "a: '1'"), "?fieldManager=tool").statusCode(200)
                .body("data.a", equalTo("1"))
                .body("data.b", nullValue());

        given().contentType("application/merge-patch+json").header("User-Agent", "editor/1.0 (linux)")
                .body("{\"data\":{\"c\":\"3\"}}").patch(CONFIG_MAPS + "/applied").then().statusCode(200)
                .body("metadata.managedFields.manager", hasItems("tool", "editor"))
                .body("metadata.managedFields.find { it.manager == 'editor' }.operation", equalTo("Update"));
        given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"created"},"data":{"x":"1"}}
                """).post(CONFIG_MAPS + "?fieldManager=kubectl-create").then().statusCode(201)
                .body("metadata.managedFields[0].manager", equalTo("kubectl-create"))
                .body("metadata.managedFields[0].fieldsV1.'f:data'.'f:x'", equalTo(Map.of()));
    }

    @Test
    void aConflictIsRefusedAndNothingChangesUntilForced() {
        given().contentType(ContentType.JSON).body("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"contested"},"data":{"mode":"fast"}}
                """).post(CONFIG_MAPS + "?fieldManager=operator").then().statusCode(201);

        apply("contested", configMap("contested", "mode: safe"), "?fieldManager=tool").statusCode(409)
                .body("reason", equalTo("Conflict"))
                .body("message", equalTo("Apply failed with 1 conflict: conflict with \"operator\" using v1: .data.mode"))
                .body("details.causes[0].reason", equalTo("FieldManagerConflict"))
                .body("details.causes[0].field", equalTo(".data.mode"));
        given().get(CONFIG_MAPS + "/contested").then().body("data.mode", equalTo("fast"));

        apply("contested", configMap("contested", "mode: safe"), "?fieldManager=tool&force=true").statusCode(200)
                .body("data.mode", equalTo("safe"))
                .body("metadata.managedFields.manager", hasItems("tool"));
    }

    @Test
    void badApplyRequestsAreRefusedAndStoreNothing() {
        apply("unmanaged", configMap("unmanaged", "a: '1'"), "").statusCode(422)
                .body("message", equalTo("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"))
                .body("details.causes[0].field", equalTo("fieldManager"));
        apply("wrong-kind", """
                apiVersion: v1
                kind: Secret
                metadata: {name: wrong-kind}
                """, "?fieldManager=tool").statusCode(400)
                .body("message", equalTo("the apply configuration must be of kind ConfigMap and apiVersion v1, not Secret v1"));
        apply("malformed", "data: [unclosed", "?fieldManager=tool").statusCode(400);
        apply("stale", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: stale, resourceVersion: "1"}
                """, "?fieldManager=tool").statusCode(404);
        given().get(CONFIG_MAPS + "/unmanaged").then().statusCode(404);
        given().get(CONFIG_MAPS + "/wrong-kind").then().statusCode(404);
        given().get(CONFIG_MAPS + "/malformed").then().statusCode(404);

        String forbidden = "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch";
        given().contentType("application/merge-patch+json").body("{\"data\":{\"a\":\"2\"}}")
                .patch(CONFIG_MAPS + "/anything?force=true").then().statusCode(422).body("message", equalTo(forbidden));
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"forced\"}}")
                .post(CONFIG_MAPS + "?force=true").then().statusCode(422).body("message", equalTo(forbidden));
        given().contentType("application/merge-patch+json").body("{\"spec\":{\"replicas\":3}}")
                .patch("/apis/apps/v1/namespaces/default/deployments/anything/scale?force=true").then().statusCode(422)
                .body("message", equalTo(forbidden));
        given().get(CONFIG_MAPS + "/forced").then().statusCode(404);
        given().contentType(APPLY).body("{apiVersion: v1, kind: Pod, metadata: {name: anything}}".getBytes(StandardCharsets.UTF_8))
                .patch("/api/v1/namespaces/default/pods/anything/status?fieldManager=tool").then().statusCode(400)
                .body("message", equalTo("server-side apply is served on the object itself, not on its status subresource"));
    }
}
