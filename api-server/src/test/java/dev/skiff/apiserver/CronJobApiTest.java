package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** batch/v1 cronjobs: defaults, a schedule that cannot be read, tables and discovery. */
@QuarkusTest
class CronJobApiTest {

    private static final String CRONJOBS = "/apis/batch/v1/namespaces/default/cronjobs";

    private static Response create(String name, String schedule) {
        return given().contentType(ContentType.JSON).body("""
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"%s"},
                 "spec":{"schedule":"%s","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
                   "containers":[{"name":"main","image":"skiff.local/busybox:1"}]}}}}}}
                """.formatted(name, schedule)).post(CRONJOBS);
    }

    @Test
    void aCronJobIsDefaultedAndShownAsKubectlShowsIt() {
        create("cj-nightly", "0 3 * * *").then().statusCode(201)
                .body("spec.concurrencyPolicy", equalTo("Allow"))
                .body("spec.suspend", equalTo(false))
                .body("spec.successfulJobsHistoryLimit", equalTo(3))
                .body("spec.failedJobsHistoryLimit", equalTo(1));
        given().header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .get(CRONJOBS + "/cj-nightly").then().statusCode(200)
                .body("columnDefinitions.name", contains("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age",
                        "Containers", "Images", "Selector"))
                .body("rows[0].cells[1]", equalTo("0 3 * * *"))
                .body("rows[0].cells[2]", equalTo("<none>"))
                .body("rows[0].cells[3]", equalTo("False"))
                .body("rows[0].cells[4]", equalTo(0))
                .body("rows[0].cells[5]", equalTo("<none>"));
    }

    @Test
    void aScheduleThatCannotBeReadIsRefusedAndNotStored() {
        create("cj-bad", "every day").then().statusCode(422)
                .body("details.causes.field", contains("spec.schedule"))
                .body("details.causes.message", contains("Invalid value: \"every day\": expected exactly 5 fields, found 2: [every day]"));
        given().get(CRONJOBS + "/cj-bad").then().statusCode(404);
    }

    @Test
    void discoveryServesCronJobsWithTheirShortName() {
        given().get("/apis/batch/v1").then().statusCode(200)
                .body("resources.name", hasItems("cronjobs", "cronjobs/status"))
                .body("resources.find { it.name == 'cronjobs' }.shortNames", hasItem("cj"))
                .body("resources.find { it.name == 'cronjobs' }.categories", hasItem("all"));
    }
}
