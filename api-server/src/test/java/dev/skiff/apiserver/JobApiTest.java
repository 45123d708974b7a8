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
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** batch/v1 jobs: the generated selector, defaults, what is refused, immutability, status, tables and discovery. */
@QuarkusTest
class JobApiTest {

    private static final String JOBS = "/apis/batch/v1/namespaces/default/jobs";

    private static String job(String name, String restartPolicy) {
        return """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                 "spec":{"template":{"spec":{%s"containers":[{"name":"main","image":"skiff.local/busybox:1","command":["true"]}]}}}}
                """.formatted(name, restartPolicy == null ? "" : "\"restartPolicy\":\"" + restartPolicy + "\",");
    }

    private static Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(JOBS);
    }

    @Test
    void aNewJobSelectsItsOwnPodsByItsUidAndIsDefaultedAsInKubernetes() {
        Response created = create(job("job-defaults", "Never"));
        created.then().statusCode(201)
                .body("metadata.generation", equalTo(1))
                .body("spec.parallelism", equalTo(1))
                .body("spec.completions", equalTo(1))
                .body("spec.backoffLimit", equalTo(6))
                .body("spec.completionMode", equalTo("NonIndexed"))
                .body("spec.suspend", equalTo(false))
                .body("spec.podReplacementPolicy", equalTo("TerminatingOrFailed"))
                .body("spec.template.metadata.labels.'job-name'", equalTo("job-defaults"))
                .body("spec.template.metadata.labels.'batch.kubernetes.io/job-name'", equalTo("job-defaults"))
                .body("metadata.labels.'job-name'", equalTo("job-defaults"))
                .body("status", nullValue());
        String uid = created.path("metadata.uid");
        created.then()
                .body("spec.selector.matchLabels.'batch.kubernetes.io/controller-uid'", equalTo(uid))
                .body("spec.template.metadata.labels.'controller-uid'", equalTo(uid));
    }

    @Test
    void aJobWhosePodsWouldRestartOrWhosePoliciesDoNotFitIsRefusedAndNotStored() {
        create(job("job-always", null)).then().statusCode(422)
                .body("reason", equalTo("Invalid"))
                .body("details.causes.field", contains("spec.template.spec.restartPolicy"))
                .body("details.causes.message", contains("Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""));
        create(job("job-success-policy", "Never").replace("\"spec\":{",
                "\"spec\":{\"completions\":2,\"successPolicy\":{\"rules\":[{\"succeededCount\":1}]},"))
                .then().statusCode(422).body("details.causes.message", contains("Invalid value: {\"rules\":[{\"succeededCount\":1}]}: "
                        + "requires indexed completion mode"));
        create(job("job-indexed", "Never").replace("\"spec\":{", "\"spec\":{\"completionMode\":\"Indexed\",\"parallelism\":2,"))
                .then().statusCode(422).body("details.causes.message", contains("Required value: when completion mode is Indexed"));
        given().get(JOBS + "/job-always").then().statusCode(404);
        given().get(JOBS + "/job-success-policy").then().statusCode(404);
        given().get(JOBS + "/job-indexed").then().statusCode(404);
    }

    @Test
    void parallelismChangesButTheTemplateDoesNotAndTheStatusIsItsOwn() {
        create(job("job-update", "OnFailure")).then().statusCode(201);
        given().contentType("application/merge-patch+json").body("{\"spec\":{\"parallelism\":3}}")
                .patch(JOBS + "/job-update").then().statusCode(200)
                .body("spec.parallelism", equalTo(3)).body("metadata.generation", equalTo(2));
        given().contentType("application/strategic-merge-patch+json")
                .body("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"other:1\"}]}}}}")
                .patch(JOBS + "/job-update").then().statusCode(422)
                .body("details.causes.field", hasItem("spec.template"));
        given().contentType("application/merge-patch+json").body("{\"status\":{\"active\":1}}")
                .patch(JOBS + "/job-update").then().statusCode(200).body("status", nullValue());
        given().contentType("application/merge-patch+json").body("{\"status\":{\"active\":1,\"succeeded\":0}}")
                .patch(JOBS + "/job-update/status").then().statusCode(200)
                .body("status.active", equalTo(1)).body("metadata.generation", equalTo(2));
        given().get(JOBS + "/job-update").then().body("spec.template.spec.containers[0].image", equalTo("skiff.local/busybox:1"));
    }

    @Test
    void tablesShowStatusAndCompletionsAndTheFieldSelectorKnowsSucceeded() {
        create(job("job-table", "Never")).then().statusCode(201);
        given().header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .get(JOBS + "/job-table").then().statusCode(200)
                .body("columnDefinitions.name", contains("Name", "Status", "Completions", "Duration", "Age", "Containers", "Images",
                        "Selector"))
                .body("rows[0].cells[0]", equalTo("job-table"))
                .body("rows[0].cells[1]", equalTo("Running"))
                .body("rows[0].cells[2]", equalTo("0/1"));
        given().queryParam("fieldSelector", "status.successful=0").get(JOBS).then().statusCode(200)
                .body("items.metadata.name", hasItem("job-table"));
        given().queryParam("fieldSelector", "status.successful=1").get(JOBS).then().statusCode(200)
                .body("items.metadata.name", not(hasItem("job-table")));
    }

    @Test
    void discoveryServesTheBatchGroup() {
        given().get("/apis").then().statusCode(200).body("groups.name", hasItem("batch"));
        given().get("/apis/batch/v1").then().statusCode(200)
                .body("resources.name", hasItems("jobs", "jobs/status"))
                .body("resources.find { it.name == 'jobs' }.kind", equalTo("Job"))
                .body("resources.find { it.name == 'jobs' }.categories", hasItem("all"))
                .body("resources.find { it.name == 'jobs' }.namespaced", equalTo(true));
    }
}
