package dev.skiff.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.500Z");

    /** The YAML TEXT as a tree. */
    static JsonNode json(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode deployment(String body) {
        return (ObjectNode) json("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                """ + body);
    }

    /** The object with its managed fields set, as the api-server stores it. */
    private static ObjectNode stored(ObjectNode object, JsonNode managedFields) {
        ObjectNode copy = object.deepCopy();
        copy.with("metadata").set("managedFields", managedFields);
        return copy;
    }

    private static JsonNode entry(JsonNode managedFields, String manager) {
        for (JsonNode entry : managedFields) {
            if (entry.path("manager").asText().equals(manager)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void theCreatorOwnsEveryFieldItSetButServerMetadataAndStatus() {
        ObjectNode created = deployment("""
                  uid: 1b2c
                  resourceVersion: "7"
                  labels: {app: web}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: main
                        image: web:1
                status:
                  replicas: 2
                """);

        JsonNode managed = ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW);

        assertThat(managed).hasSize(1);
        JsonNode entry = managed.get(0);
        assertThat(entry.path("manager").asText()).isEqualTo("kubectl-create");
        assertThat(entry.path("operation").asText()).isEqualTo("Update");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(entry.path("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.path("fieldsV1")).isEqualTo(json("""
                f:metadata:
                  f:labels:
                    f:app: {}
                f:spec:
                  f:replicas: {}
                  f:template:
                    f:spec:
                      f:containers:
                        k:{"name":"main"}:
                          .: {}
                          f:image: {}
                          f:name: {}
                """));
    }

    @Test
    void anUpdateTakesTheFieldsItChangesAndARemovedFieldIsNoOnes() {
        ObjectNode created = deployment("""
                  labels: {app: web, tier: front}
                spec:
                  replicas: 2
                """);
        ObjectNode old = stored(created, ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW));
        ObjectNode scaled = deployment("""
                  labels: {app: web}
                spec:
                  replicas: 5
                """);

        JsonNode managed = ManagedFields.updated(old, scaled, "Deployment", "kubectl-scale", null, NOW);

        assertThat(entry(managed, "kubectl-create").path("fieldsV1")).isEqualTo(json("f:metadata: {f:labels: {f:app: {}}}"));
        assertThat(entry(managed, "kubectl-scale").path("fieldsV1")).isEqualTo(json("f:spec: {f:replicas: {}}"));
        assertThat(ManagedFields.updated(stored(scaled, managed), scaled.deepCopy(), "Deployment", "other", null, NOW))
                .as("nothing changed: the managed fields as they were").isSameAs(managed);
    }

    @Test
    void aRemovedListElementTakesItsFieldsAlongAndAFieldThatBecomesALeafChangesHands() {
        ObjectNode created = deployment("""
                spec:
                  strategy: {rollingUpdate: {maxSurge: 1}}
                  template:
                    spec:
                      containers:
                      - {name: main, image: web:1}
                      - {name: sidecar, image: proxy:1}
                """);
        ObjectNode old = stored(created, ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW));
        ObjectNode edited = deployment("""
                spec:
                  strategy: {}
                  template:
                    spec:
                      containers:
                      - {name: main, image: web:1}
                """);

        JsonNode managed = ManagedFields.updated(old, edited, "Deployment", "kubectl-edit", null, NOW);

        assertThat(entry(managed, "kubectl-create").path("fieldsV1")).isEqualTo(json("""
                f:spec:
                  f:template:
                    f:spec:
                      f:containers:
                        k:{"name":"main"}:
                          .: {}
                          f:image: {}
                          f:name: {}
                """));
        assertThat(entry(managed, "kubectl-edit").path("fieldsV1")).isEqualTo(json("f:spec: {f:strategy: {}}"));
    }

    @Test
    void numbersCompareByValueSoARereadObjectChangesNothing() {
        ObjectNode created = deployment("spec: {replicas: 2}\n");
        ObjectNode old = stored(created, ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW));
        ObjectNode reread = created.deepCopy();
        reread.with("spec").put("replicas", 2L);

        assertThat(ManagedFields.updated(old, reread, "Deployment", "other", null, NOW)).isSameAs(old.path("metadata").get("managedFields"));
    }

    @Test
    void aStatusUpdateOwnsStatusFieldsUnderItsSubresource() {
        ObjectNode old = deployment("spec: {replicas: 1}\n");
        ObjectNode updated = deployment("spec: {replicas: 1}\nstatus: {readyReplicas: 1}\n");

        JsonNode managed = ManagedFields.updated(old, updated, "Deployment", "skiff-controller-manager", "status", NOW);

        assertThat(managed).hasSize(1);
        assertThat(managed.get(0).path("subresource").asText()).isEqualTo("status");
        assertThat(managed.get(0).path("fieldsV1")).isEqualTo(json("f:status: {f:readyReplicas: {}}"));
    }

    @Test
    void anApplyOwnsItsConfigurationAndRemovesWhatItNoLongerApplies() {
        ObjectNode first = deployment("""
                  labels: {app: web, tier: front}
                spec:
                  replicas: 2
                """);
        ObjectNode created = ManagedFields.apply(null, first, "Deployment", "kubectl", false, NOW);
        assertThat(created.path("metadata").path("labels")).isEqualTo(json("{app: web, tier: front}"));
        assertThat(entry(created.path("metadata").path("managedFields"), "kubectl").path("operation").asText()).isEqualTo("Apply");

        ObjectNode second = ManagedFields.apply(created, deployment("""
                  labels: {app: web}
                spec:
                  replicas: 3
                """), "Deployment", "kubectl", false, NOW);

        assertThat(second.path("metadata").path("labels")).isEqualTo(json("{app: web}"));
        assertThat(second.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(second.path("metadata").path("managedFields")).hasSize(1);
    }

    @Test
    void aFieldAnotherManagerAlsoHasStaysWhenTheApplierDropsIt() {
        ObjectNode applied = ManagedFields.apply(null, deployment("  labels: {app: web, tier: front}\n"), "Deployment", "kubectl", false, NOW);
        // another manager sets the same value: both have it
        ObjectNode shared = ManagedFields.apply(applied, deployment("  labels: {tier: front}\n"), "Deployment", "ci", false, NOW);

        ObjectNode dropped = ManagedFields.apply(shared, deployment("  labels: {app: web}\n"), "Deployment", "kubectl", false, NOW);

        assertThat(dropped.path("metadata").path("labels")).isEqualTo(json("{app: web, tier: front}"));
        assertThat(entry(dropped.path("metadata").path("managedFields"), "ci").path("fieldsV1"))
                .isEqualTo(json("f:metadata: {f:labels: {f:tier: {}}}"));
    }

    @Test
    void changingAnotherManagersFieldIsAConflictUnlessForced() {
        ObjectNode created = deployment("spec: {replicas: 2}\n");
        ObjectNode live = stored(created, ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW));
        ObjectNode config = deployment("spec: {replicas: 3}\n");

        assertThatThrownBy(() -> ManagedFields.apply(live, config, "Deployment", "kubectl", false, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas");
                    assertThat(e.details().getCauses()).singleElement().satisfies(cause -> {
                        assertThat(cause.getReason()).isEqualTo("FieldManagerConflict");
                        assertThat(cause.getField()).isEqualTo(".spec.replicas");
                    });
                });
        assertThat(ManagedFields.apply(live, deployment("spec: {replicas: 2}\n"), "Deployment", "kubectl", false, NOW)
                .path("spec").path("replicas").asInt()).as("the same value is no conflict").isEqualTo(2);

        ObjectNode forced = ManagedFields.apply(live, config, "Deployment", "kubectl", true, NOW);

        assertThat(forced.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(entry(forced.path("metadata").path("managedFields"), "kubectl-create")).as("it lost its only field").isNull();
    }

    @Test
    void conflictsWithSeveralManagersAreListedPerManager() {
        ObjectNode created = deployment("spec: {replicas: 2, paused: false}\n");
        ObjectNode first = stored(created, ManagedFields.updated(null, created, "Deployment", "kubectl-create", null, NOW));
        ObjectNode scaled = deployment("spec: {replicas: 5, paused: false}\n");
        ObjectNode live = stored(scaled, ManagedFields.updated(first, scaled, "Deployment", "autoscaler", null, NOW));

        assertThatThrownBy(() -> ManagedFields.apply(live, deployment("spec: {replicas: 3, paused: true}\n"), "Deployment", "kubectl", false, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"kubectl-create\" using apps/v1:\n"
                            + "- .spec.paused\nconflicts with \"autoscaler\" using apps/v1:\n- .spec.replicas");
                    assertThat(e.details().getCauses()).extracting(cause -> cause.getField()).containsExactly(".spec.paused", ".spec.replicas");
                });
    }

    @Test
    void keyedListsMergeByKeyAndAnElementGoesWithItsLastApplier() {
        ObjectNode mine = ManagedFields.apply(null, deployment("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: main, image: web:1}
                """), "Deployment", "kubectl", false, NOW);
        ObjectNode both = ManagedFields.apply(mine, deployment("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: proxy:1}
                """), "Deployment", "mesh", false, NOW);
        assertThat(both.path("spec").path("template").path("spec").path("containers")).isEqualTo(json("""
                - {name: main, image: web:1}
                - {name: sidecar, image: proxy:1}
                """));

        ObjectNode upgraded = ManagedFields.apply(both, deployment("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: main, image: web:2}
                """), "Deployment", "kubectl", false, NOW);
        assertThat(upgraded.path("spec").path("template").path("spec").path("containers")).isEqualTo(json("""
                - {name: main, image: web:2}
                - {name: sidecar, image: proxy:1}
                """));

        ObjectNode withoutMain = ManagedFields.apply(upgraded, deployment("spec: {replicas: 1}\n"), "Deployment", "kubectl", false, NOW);
        assertThat(withoutMain.path("spec").path("template").path("spec").path("containers")).isEqualTo(json("""
                - {name: sidecar, image: proxy:1}
                """));
    }
}
