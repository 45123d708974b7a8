package dev.skiff.kubelet;

import dev.skiff.kubelet.pod.PodStatusWriter;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status writer against a real api-server: what it PATCHes, what it keeps of the answer, how a refusal surfaces. */
@Timeout(120)
class PodStatusWriterApiTest {

    private static final String NS = "status-writer";
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        client = TestCluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    private static Pod create(String name) {
        return client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .build()).create();
    }

    private static PodStatus running(String ip) {
        return new PodStatusBuilder().withPhase("Running").withPodIP(ip).withHostIP("10.1.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build();
    }

    @Test
    void theStatusIsStoredAndTheAnsweredVersionMakesOlderPodObjectsStale() {
        Pod pod = create("written");
        PodStatusWriter writer = new PodStatusWriter(client);

        assertThat(writer.write(pod, running("10.2.0.7"))).isTrue();

        Pod stored = client.pods().inNamespace(NS).withName("written").get();
        assertThat(stored.getStatus().getPhase()).isEqualTo("Running");
        assertThat(stored.getStatus().getPodIP()).isEqualTo("10.2.0.7");
        assertThat(stored.getSpec().getContainers()).extracting("image").containsExactly("app:1");
        // the pod object from before the write is older than the resourceVersion the write answered
        assertThat(writer.current(pod).getPodIP()).isEqualTo("10.2.0.7");
        assertThat(writer.write(pod, running("10.2.0.7"))).isFalse();
        // the object the write made is not
        assertThat(writer.current(stored)).isEqualTo(stored.getStatus());
    }

    @Test
    void aPodThatIsGoneIsAFailureWithTheApiServersAnswer() {
        Pod pod = create("gone");
        client.pods().inNamespace(NS).withName("gone").withGracePeriod(0).delete();
        PodStatusWriter writer = new PodStatusWriter(client);

        assertThatThrownBy(() -> writer.write(pod, running("10.2.0.8")))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404))
                .hasMessageContaining(NS + "/gone")
                .hasMessageContaining("404");
        assertThat(writer.current(pod)).isEqualTo(pod.getStatus());
    }
}
