package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Label and field selectors and paged lists, in a namespace of their own. */
@QuarkusTest
class ListAndSelectorsTest {

    private static final String NS = "selectors";
    private static final String PODS = "/api/v1/namespaces/" + NS + "/pods";

    @BeforeEach
    void pods() {
        if (given().get("/api/v1/namespaces/" + NS).statusCode() == 200) {
            return;
        }
        given().contentType(ContentType.JSON).body(Manifests.namespace(NS)).post("/api/v1/namespaces").then().statusCode(201);
        String[][] pods = {{"p1", "web", "prod"}, {"p2", "web", "dev"}, {"p3", "db", "prod"}, {"p4", "cache", ""}};
        for (String[] p : pods) {
            String labels = p[2].isEmpty() ? "{\"app\":\"" + p[1] + "\"}" : "{\"app\":\"" + p[1] + "\",\"env\":\"" + p[2] + "\"}";
            String body = Manifests.pod(p[0]).replace("{\"app\":\"web\"}", labels);
            given().contentType(ContentType.JSON).body(body).post(PODS).then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p1\"},"
                + "\"target\":{\"name\":\"node-a\"}}").post(PODS + "/p1/binding").then().statusCode(201);
    }

    private List<String> names(String param, String selector) {
        return given().queryParam(param, selector).get(PODS).then().statusCode(200).extract().path("items.metadata.name");
    }

    @Test
    void labelSelectorOperators() {
        assertThat(names("labelSelector", "app=web")).containsExactly("p1", "p2");
        assertThat(names("labelSelector", "app==web,env=prod")).containsExactly("p1");
        assertThat(names("labelSelector", "app!=web")).containsExactly("p3", "p4");
        assertThat(names("labelSelector", "env in (prod,dev)")).containsExactly("p1", "p2", "p3");
        assertThat(names("labelSelector", "env notin (prod)")).containsExactly("p2", "p4");
        assertThat(names("labelSelector", "env")).containsExactly("p1", "p2", "p3");
        assertThat(names("labelSelector", "!env")).containsExactly("p4");
    }

    @Test
    void fieldSelectors() {
        assertThat(names("fieldSelector", "metadata.name=p3")).containsExactly("p3");
        assertThat(names("fieldSelector", "spec.nodeName=node-a")).containsExactly("p1");
        assertThat(names("fieldSelector", "spec.nodeName!=node-a")).containsExactly("p2", "p3", "p4");
        assertThat(names("fieldSelector", "status.phase==Pending,metadata.namespace=" + NS)).hasSize(4);
    }

    @Test
    void badSelectorsAreBadRequest() {
        given().queryParam("labelSelector", "app in (web").get(PODS).then().statusCode(400).body("reason", equalTo("BadRequest"));
        given().queryParam("fieldSelector", "spec.image=x").get(PODS).then().statusCode(400)
                .body("message", containsString("field label not supported: spec.image"));
        given().queryParam("limit", "abc").get(PODS).then().statusCode(400);
        given().queryParam("limit", "1").queryParam("continue", "garbage!").get(PODS).then().statusCode(400);
    }

    @Test
    void pagesShareOneRevisionAndSkipLaterWrites() {
        var first = given().queryParam("limit", 2).get(PODS).then().statusCode(200).extract();
        List<String> seen = new ArrayList<>(first.path("items.metadata.name"));
        String rv = first.path("metadata.resourceVersion");
        String cont = first.path("metadata.continue");
        assertThat(seen).containsExactly("p1", "p2");
        assertThat(cont).isNotBlank();

        given().contentType(ContentType.JSON).body(Manifests.pod("p25")).post(PODS).then().statusCode(201);
        try {
            var second = given().queryParam("limit", 2).queryParam("continue", cont).get(PODS).then().statusCode(200).extract();
            assertThat(second.<String>path("metadata.resourceVersion")).isEqualTo(rv);
            seen.addAll(second.path("items.metadata.name"));
            assertThat(second.<String>path("metadata.continue")).isNull();
            assertThat(seen).containsExactly("p1", "p2", "p3", "p4");
        } finally {
            given().queryParam("gracePeriodSeconds", 0).delete(PODS + "/p25").then().statusCode(200);
        }
    }

    @Test
    void listedItemsAreTheObjectsAGetReturnsWithTheirResourceVersions() {
        List<Map<String, Object>> items = given().get(PODS).then().statusCode(200)
                .body("kind", equalTo("PodList")).body("apiVersion", equalTo("v1"))
                .extract().path("items");
        assertThat(items).hasSize(4);
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            String name = ((Map<String, Object>) item.get("metadata")).get("name").toString();
            Map<String, Object> got = given().get(PODS + "/" + name).then().statusCode(200).extract().path("");
            assertThat(item).isEqualTo(got);
            assertThat(given().get(PODS + "/" + name).then().extract().<String>path("metadata.resourceVersion")).isNotBlank();
        }
        String yaml = given().accept("application/yaml").get(PODS).then().statusCode(200).extract().asString();
        assertThat(yaml).contains("kind: \"PodList\"").contains("name: \"p1\"").contains("name: \"p4\"").contains("resourceVersion:");
    }

    @Test
    void anEmptyListHasAnEmptyItemsArray() {
        given().get("/api/v1/namespaces/" + NS + "/configmaps").then().statusCode(200)
                .body("kind", equalTo("ConfigMapList"))
                .body("metadata.resourceVersion", not(emptyOrNullString()))
                .body("items.size()", equalTo(0));
    }

    @Test
    void limitCountsMatchingObjects() {
        var page = given().queryParam("limit", 1).queryParam("labelSelector", "app=db").get(PODS).then().statusCode(200).extract();
        assertThat(page.<List<String>>path("items.metadata.name")).containsExactly("p3");
    }
}
