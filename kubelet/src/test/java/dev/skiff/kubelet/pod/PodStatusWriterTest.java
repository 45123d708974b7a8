package dev.skiff.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the status writer tells a pod object that predates its last write, and when a stored status needs no write. */
class PodStatusWriterTest {

    private static Pod pod(String resourceVersion) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("u1")
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    @Test
    void aPodObjectOlderThanTheWriteIsStale() {
        assertThat(PodStatusWriter.predates(pod("41"), "42")).isTrue();
        assertThat(PodStatusWriter.predates(pod("42"), "42")).isFalse();
        assertThat(PodStatusWriter.predates(pod("43"), "42")).isFalse();
    }

    @Test
    void versionsThatAreNotNumbersLeaveThePodObjectInCharge() {
        assertThat(PodStatusWriter.predates(pod("abc"), "42")).isFalse();
        assertThat(PodStatusWriter.predates(pod(null), "42")).isFalse();
        assertThat(PodStatusWriter.predates(pod("41"), null)).isFalse();
    }

    @Test
    void aStoredStatusNeedsNoWriteWhenThePatchWouldLeaveItAsItIs() throws Exception {
        JsonNode wanted = Json.MAPPER.readTree("""
                {"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"podIP":"10.0.0.2"}""");
        JsonNode stored = Json.MAPPER.readTree("""
                {"phase":"Running","reason":"kept by the merge patch","conditions":[{"type":"Ready","status":"True"}],\
                "podIP":"10.0.0.2"}""");
        JsonNode changedByOthers = Json.MAPPER.readTree("""
                {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],"podIP":"10.0.0.2"}""");
        JsonNode moreConditions = Json.MAPPER.readTree("""
                {"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"DisruptionTarget","status":"True"}],\
                "podIP":"10.0.0.2"}""");

        // arrays are replaced by a merge patch: a condition with a field the wanted one lacks is a change
        JsonNode conditionWithMore = Json.MAPPER.readTree("""
                {"phase":"Running","conditions":[{"type":"Ready","status":"True","message":"left over"}],"podIP":"10.0.0.2"}""");

        assertThat(PodStatusWriter.unchangedBy(stored, wanted)).isTrue();
        assertThat(PodStatusWriter.unchangedBy(changedByOthers, wanted)).isFalse();
        assertThat(PodStatusWriter.unchangedBy(moreConditions, wanted)).isFalse();
        assertThat(PodStatusWriter.unchangedBy(conditionWithMore, wanted)).isFalse();
        assertThat(PodStatusWriter.unchangedBy(Json.MAPPER.readTree("{\"phase\":\"Running\"}"), wanted)).isFalse();
        assertThat(PodStatusWriter.unchangedBy(null, wanted)).isFalse();
    }
}
