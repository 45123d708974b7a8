package dev.skiff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PodState pod(String metadataExtra, String status) throws Exception {
        return PodState.of(JSON.readTree("""
                {"metadata":{"name":"demo-1"%s},"spec":{"nodeName":"node-2","containers":[{"name":"demo","image":"skiff.local/demo:2"}]},\
                "status":%s}""".formatted(metadataExtra, status)));
    }

    @Test
    void aRunningPodWithReadyTrueServes() throws Exception {
        PodState state = pod("", """
                {"phase":"Running","conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"}]}""");

        assertThat(state.name()).isEqualTo("demo-1");
        assertThat(state.node()).isEqualTo("node-2");
        assertThat(state.image()).isEqualTo("skiff.local/demo:2");
        assertThat(state.runningAndReady()).isTrue();
        assertThat(state.serving()).isTrue();
        assertThat(state).hasToString("demo-1 (on node-2, skiff.local/demo:2: Running and Ready)");
    }

    @Test
    void notReadyOrNotRunningDoesNotServe() throws Exception {
        assertThat(pod("", """
                {"phase":"Running","conditions":[{"type":"Ready","status":"False"}]}""").serving()).isFalse();
        assertThat(pod("", """
                {"phase":"Pending","conditions":[{"type":"Ready","status":"True"}]}""").serving()).isFalse();
        assertThat(pod("", "{}").toString()).endsWith("no phase yet)");
    }

    @Test
    void aDeletionTimestampMarksItForDeletion() throws Exception {
        PodState terminating = pod(",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"", """
                {"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}""");

        assertThat(terminating.markedForDeletion()).isTrue();
        assertThat(terminating.active()).isFalse();
        assertThat(terminating.serving()).isFalse();
        assertThat(terminating.gone()).isFalse();
        assertThat(terminating.deleted().gone()).isTrue();
        assertThat(terminating.deleted().toString()).endsWith("deleted)");
    }
}
