package dev.skiff.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchEventReaderTest {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","resourceVersion":"42",\
            "labels":{"app":"web"}},"spec":{"nodeName":"node-1","containers":[{"name":"main","image":"busybox:1"}]},\
            "status":{"phase":"Running"}}""";

    private final WatchEventReader<Pod> reader = new WatchEventReader<>(Pod.class);

    @Test
    void anEventWithItsTypeFirstIsReadIntoTheType() throws IOException {
        WatchEventReader.Event<Pod> event = reader.read("{\"type\":\"MODIFIED\",\"object\":" + POD + "}");

        assertThat(event.type()).isEqualTo("MODIFIED");
        assertThat(event.object().getMetadata().getName()).isEqualTo("web");
        assertThat(event.object().getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(event.object().getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("busybox:1"));
        assertThat(event.object().getStatus().getPhase()).isEqualTo("Running");
        assertThat(event.resourceVersion()).isEqualTo("42");
        assertThat(event.status()).isNull();
    }

    @Test
    void theObjectBeforeTheTypeAndUnknownFieldsAreReadToo() throws IOException {
        WatchEventReader.Event<Pod> event = reader.read(
                ("{\"object\":" + POD + ",\"extra\":{\"a\":[1,2]},\"type\":\"DELETED\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(event.type()).isEqualTo("DELETED");
        assertThat(event.object().getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(event.resourceVersion()).isEqualTo("42");
    }

    @Test
    void aBookmarkGivesItsResourceVersionAndAnErrorItsStatus() throws IOException {
        WatchEventReader.Event<Pod> bookmark = reader.read(
                "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"77\"}}}");
        assertThat(bookmark.resourceVersion()).isEqualTo("77");

        WatchEventReader.Event<Pod> error = reader.read(
                "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,\"message\":\"too old resource version\"}}");
        assertThat(error.object()).isNull();
        assertThat(error.resourceVersion()).isEmpty();
        assertThat(error.status().path("code").asInt()).isEqualTo(410);
        assertThat(error.status().path("message").asText()).isEqualTo("too old resource version");
    }

    @Test
    void whatIsNotAWatchEventIsAnError() {
        assertThatThrownBy(() -> reader.read("[1,2]")).isInstanceOf(IOException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> reader.read("{\"object\":" + POD + "}")).isInstanceOf(IOException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> reader.read("{\"type\":\"ADDED\",\"object\":{\"metadata\":")).isInstanceOf(IOException.class);
    }
}
