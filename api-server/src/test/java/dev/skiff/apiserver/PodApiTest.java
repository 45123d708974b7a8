package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The verbs on pods with Kubernetes semantics: server-set fields, defaults, CAS, status split, deletion. */
@QuarkusTest
class PodApiTest {

    private static final String PODS = "/api/v1/namespaces/default/pods";

    private Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PODS);
    }

    @Test
    void createSetsServerFieldsAndDefaults() {
        create(Manifests.pod("create-1")).then().statusCode(201)
                .body("metadata.uid", notNullValue())
                .body("metadata.creationTimestamp", notNullValue())
                .body("metadata.resourceVersion", notNullValue())
                .body("metadata.namespace", equalTo("default"))
                .body("spec.restartPolicy", equalTo("Always"))
                .body("spec.dnsPolicy", equalTo("ClusterFirst"))
                .body("spec.terminationGracePeriodSeconds", equalTo(30))
                .body("spec.schedulerName", equalTo("default-scheduler"))
                .body("spec.containers[0].imagePullPolicy", equalTo("IfNotPresent"))
                .body("status.phase", equalTo("Pending"));
        given().get(PODS + "/create-1").then().statusCode(200).body("metadata.name", equalTo("create-1"));
    }

    @Test
    void createReplacesWhatOnlyTheServerSets() {
        String body = Manifests.pod("create-2").replace("\"name\":\"create-2\"", "\"name\":\"create-2\",\"uid\":\"mine\","
                + "\"resourceVersion\":\"99\",\"generation\":7,\"deletionTimestamp\":\"2020-01-01T00:00:00Z\"")
                .replaceFirst("}$", ",\"status\":{\"phase\":\"Succeeded\",\"podIP\":\"10.0.0.9\"}}");
        create(body).then().statusCode(201)
                .body("metadata.uid", not(equalTo("mine")))
                .body("metadata.resourceVersion", not(equalTo("99")))
                .body("metadata.generation", equalTo(1))
                .body("metadata.deletionTimestamp", nullValue())
                .body("status.phase", equalTo("Pending"))
                .body("status.podIP", nullValue());
    }

    @Test
    void createExistingIsConflict() {
        create(Manifests.pod("dup-1")).then().statusCode(201);
        create(Manifests.pod("dup-1")).then().statusCode(409)
                .body("kind", equalTo("Status"))
                .body("reason", equalTo("AlreadyExists"))
                .body("message", equalTo("pods \"dup-1\" already exists"));
    }

    @Test
    void generateNameMakesAUniqueName() {
        String body = Manifests.pod("").replace("\"name\":\"\"", "\"generateName\":\"gen-\"");
        String a = create(body).then().statusCode(201).extract().path("metadata.name");
        String b = create(body).then().statusCode(201).extract().path("metadata.name");
        assertThat(a).startsWith("gen-").hasSize(9);
        assertThat(b).startsWith("gen-").isNotEqualTo(a);
    }

    @Test
    void missingObjectIsNotFoundStatus() {
        given().get(PODS + "/nope").then().statusCode(404)
                .body("kind", equalTo("Status"))
                .body("status", equalTo("Failure"))
                .body("reason", equalTo("NotFound"))
                .body("message", equalTo("pods \"nope\" not found"))
                .body("details.name", equalTo("nope"))
                .body("details.kind", equalTo("pods"));
    }

    @Test
    void staleUpdateIsConflictAndCurrentUpdateWins() {
        Response created = create(Manifests.pod("cas-1"));
        String rv = created.path("metadata.resourceVersion");
        String updated = created.asString().replace("\"app\":\"web\"", "\"app\":\"web2\"");
        String newRv = given().contentType(ContentType.JSON).body(updated).put(PODS + "/cas-1")
                .then().statusCode(200).body("metadata.labels.app", equalTo("web2"))
                .extract().path("metadata.resourceVersion");
        assertThat(Long.parseLong(newRv)).isGreaterThan(Long.parseLong(rv));

        String stale = created.asString().replace("\"app\":\"web\"", "\"app\":\"web3\"");
        given().contentType(ContentType.JSON).body(stale).put(PODS + "/cas-1").then().statusCode(409)
                .body("reason", equalTo("Conflict"))
                .body("message", equalTo("Operation cannot be fulfilled on pods \"cas-1\": the object has been modified; "
                        + "please apply your changes to the latest version and try again"));
        given().get(PODS + "/cas-1").then().body("metadata.labels.app", equalTo("web2"));
    }

    @Test
    void noOpUpdateKeepsResourceVersion() {
        Response created = create(Manifests.pod("noop-1"));
        String rv = created.path("metadata.resourceVersion");
        given().contentType(ContentType.JSON).body(created.asString()).put(PODS + "/noop-1")
                .then().statusCode(200).body("metadata.resourceVersion", equalTo(rv));
    }

    @Test
    void mainResourceIgnoresStatusAndStatusSubresourceIgnoresSpec() {
        Response created = create(Manifests.pod("split-1"));
        String withStatus = created.asString().replace("\"phase\":\"Pending\"", "\"phase\":\"Running\"");
        given().contentType(ContentType.JSON).body(withStatus).put(PODS + "/split-1")
                .then().statusCode(200).body("status.phase", equalTo("Pending"));

        String current = given().get(PODS + "/split-1").asString();
        String statusAndSpec = current.replace("\"phase\":\"Pending\"", "\"phase\":\"Running\"")
                .replace("\"app\":\"web\"", "\"app\":\"changed\"");
        given().contentType(ContentType.JSON).body(statusAndSpec).put(PODS + "/split-1/status")
                .then().statusCode(200)
                .body("status.phase", equalTo("Running"))
                .body("metadata.labels.app", equalTo("web"));
    }

    @Test
    void podSpecIsImmutableExceptImage() {
        Response created = create(Manifests.pod("immut-1"));
        String changedRestart = created.asString().replace("\"restartPolicy\":\"Always\"", "\"restartPolicy\":\"Never\"");
        given().contentType(ContentType.JSON).body(changedRestart).put(PODS + "/immut-1")
                .then().statusCode(422).body("reason", equalTo("Invalid"))
                .body("details.causes.field", hasItem("spec"));
        given().contentType("application/strategic-merge-patch+json")
                .body("{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"skiff.local/busybox:2\"}]}}")
                .patch(PODS + "/immut-1").then().statusCode(200)
                .body("spec.containers[0].image", equalTo("skiff.local/busybox:2"));
    }

    @Test
    void patchesOfEveryType() {
        create(Manifests.pod("patch-1")).then().statusCode(201);
        given().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")
                .patch(PODS + "/patch-1").then().statusCode(200)
                .body("metadata.labels.tier", equalTo("front")).body("metadata.labels.app", equalTo("web"));
        given().contentType("application/json-patch+json")
                .body("[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"note\":\"hi\"}}]")
                .patch(PODS + "/patch-1").then().statusCode(200).body("metadata.annotations.note", equalTo("hi"));
        given().contentType("application/json-patch+json")
                .body("[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]")
                .patch(PODS + "/patch-1").then().statusCode(422);
        given().contentType("application/strategic-merge-patch+json").body("{\"metadata\":{\"labels\":{\"tier\":null}}}")
                .patch(PODS + "/patch-1").then().statusCode(200).body("metadata.labels.tier", equalTo(null));
        given().contentType("text/plain").body("x").patch(PODS + "/patch-1").then().statusCode(415);
    }

    @Test
    void patchWithStaleResourceVersionIsConflict() {
        create(Manifests.pod("patch-rv")).then().statusCode(201);
        given().contentType("application/merge-patch+json")
                .body("{\"metadata\":{\"resourceVersion\":\"1\",\"labels\":{\"x\":\"y\"}}}")
                .patch(PODS + "/patch-rv").then().statusCode(409).body("reason", equalTo("Conflict"));
    }

    @Test
    void unboundPodIsDeletedAtOnce() {
        create(Manifests.pod("del-1")).then().statusCode(201);
        given().delete(PODS + "/del-1").then().statusCode(200).body("metadata.name", equalTo("del-1"));
        given().get(PODS + "/del-1").then().statusCode(404);
    }

    @Test
    void boundPodGetsGracePeriodThenGoesWithGraceZero() {
        create(Manifests.pod("grace-1")).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"grace-1\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}").post(PODS + "/grace-1/binding").then().statusCode(201);
        given().get(PODS + "/grace-1").then().body("spec.nodeName", equalTo("node-1"))
                .body("status.conditions.find { it.type == 'PodScheduled' }.status", equalTo("True"));

        given().delete(PODS + "/grace-1").then().statusCode(200)
                .body("metadata.deletionTimestamp", notNullValue())
                .body("metadata.deletionGracePeriodSeconds", equalTo(30));
        given().get(PODS + "/grace-1").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}")
                .delete(PODS + "/grace-1").then().statusCode(200);
        given().get(PODS + "/grace-1").then().statusCode(404);
    }

    @Test
    void aTerminatingPodStaysThroughStatusUpdatesUntilDeletedWithGraceZero() {
        create(Manifests.pod("grace-2")).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"grace-2\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}").post(PODS + "/grace-2/binding").then().statusCode(201);
        given().delete(PODS + "/grace-2").then().statusCode(200).body("metadata.deletionGracePeriodSeconds", equalTo(30));
        given().contentType("application/merge-patch+json").body("{\"status\":{\"phase\":\"Running\"}}")
                .patch(PODS + "/grace-2/status").then().statusCode(200).body("status.phase", equalTo("Running"));
        given().get(PODS + "/grace-2").then().statusCode(200).body("metadata.deletionTimestamp", notNullValue());
        given().contentType(ContentType.JSON).body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}")
                .delete(PODS + "/grace-2").then().statusCode(200);
        given().get(PODS + "/grace-2").then().statusCode(404);
    }

    @Test
    void secondBindingIsConflict() {
        create(Manifests.pod("bind-2")).then().statusCode(201);
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"bind-2\"},\"target\":{\"name\":\"n1\"}}";
        given().contentType(ContentType.JSON).body(binding).post(PODS + "/bind-2/binding").then().statusCode(201);
        given().contentType(ContentType.JSON).body(binding.replace("n1", "n2")).post(PODS + "/bind-2/binding")
                .then().statusCode(409).body("message", startsWith("Operation cannot be fulfilled on pods \"bind-2\""));
        given().get(PODS + "/bind-2").then().body("spec.nodeName", equalTo("n1"));
    }

    @Test
    void finalizersKeepTheObjectUntilRemoved() {
        String body = Manifests.pod("fin-1").replace("\"labels\"", "\"finalizers\":[\"skiff.dev/test\"],\"labels\"");
        create(body).then().statusCode(201);
        given().delete(PODS + "/fin-1").then().statusCode(200).body("metadata.deletionTimestamp", notNullValue());
        given().get(PODS + "/fin-1").then().statusCode(200);
        given().contentType("application/merge-patch+json").body("{\"metadata\":{\"finalizers\":null}}")
                .patch(PODS + "/fin-1").then().statusCode(200);
        given().get(PODS + "/fin-1").then().statusCode(404);
    }

    @Test
    void foregroundDeletionAddsItsFinalizer() {
        create(Manifests.pod("fg-1")).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\"}")
                .delete(PODS + "/fg-1").then().statusCode(200)
                .body("metadata.finalizers", hasItem("foregroundDeletion"))
                .body("metadata.deletionTimestamp", notNullValue());
        given().contentType(ContentType.JSON).body("{\"propagationPolicy\":\"Sideways\"}")
                .delete(PODS + "/fg-1").then().statusCode(422);
    }

    @Test
    void deleteCollectionBySelector() {
        given().contentType(ContentType.JSON).body(Manifests.namespace("dc")).post("/api/v1/namespaces").then().statusCode(201);
        for (String n : new String[] {"a", "b", "c"}) {
            String body = Manifests.pod(n).replace("\"app\":\"web\"", "\"app\":\"" + (n.equals("c") ? "keep" : "drop") + "\"");
            given().contentType(ContentType.JSON).body(body).post("/api/v1/namespaces/dc/pods").then().statusCode(201);
        }
        given().queryParam("labelSelector", "app=drop").delete("/api/v1/namespaces/dc/pods").then().statusCode(200)
                .body("items.metadata.name", hasItem("a"));
        given().get("/api/v1/namespaces/dc/pods").then().body("items.metadata.name", equalTo(java.util.List.of("c")));
    }

    @Test
    void dryRunWritesNothing() {
        given().contentType(ContentType.JSON).queryParam("dryRun", "All").body(Manifests.pod("dry-1")).post(PODS)
                .then().statusCode(201).body("metadata.name", equalTo("dry-1"));
        given().get(PODS + "/dry-1").then().statusCode(404);
        given().contentType(ContentType.JSON).queryParam("dryRun", "Some").body(Manifests.pod("dry-2")).post(PODS)
                .then().statusCode(400);
    }

    @Test
    void listAcrossNamespacesAndByNamespace() {
        create(Manifests.pod("list-1")).then().statusCode(201);
        given().get("/api/v1/pods").then().statusCode(200)
                .body("kind", equalTo("PodList"))
                .body("metadata.resourceVersion", notNullValue())
                .body("items.metadata.name", hasItem("list-1"));
        given().get("/api/v1/namespaces/kube-system/pods").then().statusCode(200)
                .body("items.metadata.name", not(hasItem("list-1")));
    }
}
