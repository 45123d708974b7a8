package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectCodecTest {

    private static JsonNode withRevision(String stored, long revision) throws IOException {
        return Json.MAPPER.readTree(ObjectCodec.withResourceVersion(stored.getBytes(StandardCharsets.UTF_8), revision));
    }

    @Test
    void theAnswerOfAStoredPodIsThePodWithItsResourceVersion() throws IOException {
        Pod pod = new PodBuilder().withNewMetadata().withName("web-1").withNamespace("default").addToLabels("app", "web")
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("demo:1").endContainer().endSpec().build();
        byte[] stored = ObjectCodec.encode(pod);

        JsonNode answer = Json.MAPPER.readTree(ObjectCodec.withResourceVersion(stored, 42));

        Pod expected = new PodBuilder(pod).editMetadata().withResourceVersion("42").endMetadata().build();
        assertThat(answer).isEqualTo(Json.MAPPER.valueToTree(expected));
    }

    @Test
    void onlyTheTopLevelMetadataGetsIt() throws IOException {
        JsonNode answer = withRevision("""
                {"spec":{"template":{"metadata":{"name":"inner"}}},"note":"\\"metadata\\":{","metadata":{"name":"outer"}}""", 7);

        assertThat(answer.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
        assertThat(answer.path("metadata").path("name").asText()).isEqualTo("outer");
        assertThat(answer.path("spec").path("template").path("metadata").has("resourceVersion")).isFalse();
        assertThat(answer.path("note").asText()).isEqualTo("\"metadata\":{");
    }

    @Test
    void emptyMetadataGetsAResourceVersionWithoutATrailingComma() throws IOException {
        assertThat(withRevision("{\"kind\":\"Pod\",\"metadata\":{}}", 3).path("metadata").path("resourceVersion").asText())
                .isEqualTo("3");
    }

    @Test
    void anObjectWithoutMetadataIsRefused() {
        assertThatThrownBy(() -> withRevision("{\"kind\":\"Pod\"}", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no metadata");
        assertThatThrownBy(() -> withRevision("[1]", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWatchEventCarriesTheStoredObjectWithItsResourceVersion() throws IOException {
        byte[] stored = """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"k":"v"}}""".getBytes(StandardCharsets.UTF_8);

        JsonNode event = Json.MAPPER.readTree(ObjectCodec.watchEvent("MODIFIED", stored, 9));

        assertThat(event.path("type").asText()).isEqualTo("MODIFIED");
        assertThat(event.path("object").path("metadata").path("resourceVersion").asText()).isEqualTo("9");
        assertThat(event.path("object").path("data").path("k").asText()).isEqualTo("v");
        assertThat(event.size()).isEqualTo(2);
    }

    @Test
    void nestedTextReadsOneFieldOfATopLevelObjectOnly() {
        byte[] pod = """
                {"metadata":{"nodeName":"not-this"},"status":{"spec":{"nodeName":"nor-this"}},"spec":{"containers":[{"nodeName":"x"}],
                "nodeName":"node-2"}}""".getBytes(StandardCharsets.UTF_8);

        assertThat(ObjectCodec.nestedText(pod, "spec", "nodeName")).isEqualTo("node-2");
        assertThat(ObjectCodec.nestedText(pod, "spec", "hostname")).isEmpty();
        assertThat(ObjectCodec.nestedText("{\"spec\":{\"nodeName\":3}}".getBytes(StandardCharsets.UTF_8), "spec", "nodeName")).isEmpty();
        assertThat(ObjectCodec.nestedText("{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8), "spec", "nodeName")).isEmpty();
    }
}
