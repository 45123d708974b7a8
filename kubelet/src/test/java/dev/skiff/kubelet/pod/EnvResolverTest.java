package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kubernetes' $(VAR) expansion and the pod fields a fieldRef can name. */
class EnvResolverTest {

    @Test
    void expandsDefinedNamesKeepsUnknownOnesAndUnescapesDollars() {
        Map<String, String> defined = Map.of("A", "x", "B", "y");
        assertThat(EnvResolver.expand("$(A)-$(B)", defined)).isEqualTo("x-y");
        assertThat(EnvResolver.expand("$(MISSING)", defined)).isEqualTo("$(MISSING)");
        assertThat(EnvResolver.expand("$$(A) costs $$5", defined)).isEqualTo("$(A) costs $5");
        assertThat(EnvResolver.expand("plain", defined)).isEqualTo("plain");
    }

    @Test
    void readsPodFields() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("u-1")
                .addToLabels("app", "web").addToAnnotations("note", "hi").endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec().build();
        assertThat(EnvResolver.podField(pod, "metadata.name", "10.0.0.2", "192.168.1.1")).isEqualTo("web");
        assertThat(EnvResolver.podField(pod, "metadata.namespace", null, null)).isEqualTo("shop");
        assertThat(EnvResolver.podField(pod, "metadata.uid", null, null)).isEqualTo("u-1");
        assertThat(EnvResolver.podField(pod, "metadata.labels['app']", null, null)).isEqualTo("web");
        assertThat(EnvResolver.podField(pod, "metadata.annotations['note']", null, null)).isEqualTo("hi");
        assertThat(EnvResolver.podField(pod, "spec.nodeName", null, null)).isEqualTo("node-1");
        assertThat(EnvResolver.podField(pod, "status.podIP", "10.0.0.2", "192.168.1.1")).isEqualTo("10.0.0.2");
        assertThat(EnvResolver.podField(pod, "status.hostIP", "10.0.0.2", "192.168.1.1")).isEqualTo("192.168.1.1");
        assertThatThrownBy(() -> EnvResolver.podField(pod, "spec.nope", null, null))
                .isInstanceOf(ContainerConfigException.class).hasMessageContaining("spec.nope");
    }
}
