package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonComparisonTest {

    @Test
    void absentNullAndEmptyAreEqual() {
        assertThat(JsonComparison.equal(null, List.of())).isTrue();
        assertThat(JsonComparison.equal(Map.of(), null)).isTrue();
        assertThat(JsonComparison.equal(new PodSpec(),
                new PodSpecBuilder().withTolerations(List.of()).build())).isTrue();
        assertThat(JsonComparison.equal(Map.of("a", "1"), Map.of("a", "2"))).isFalse();
    }

    @Test
    void differencesNameTheChangedFields() {
        PodSpec before = new PodSpecBuilder().withNodeName("a").addNewContainer().withName("c").withImage("x").endContainer().build();
        PodSpec after = new PodSpecBuilder().withNodeName("b").addNewContainer().withName("c").withImage("y").endContainer()
                .withHostname("h").build();
        assertThat(JsonComparison.differences(before, after, "spec")).containsExactly(
                "spec.containers[0].image: \"x\" -> \"y\"",
                "spec.hostname: <none> -> \"h\"",
                "spec.nodeName: \"a\" -> \"b\"");
    }
}
