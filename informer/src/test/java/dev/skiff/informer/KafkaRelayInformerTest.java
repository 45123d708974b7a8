package dev.skiff.informer;

import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.skiff.informer.Pods.newPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: changes made through fabric8's client to a real api-server, published by its relay to
 * a real broker, read by informers on Kafka sources.
 */
@Timeout(120)
class KafkaRelayInformerTest {

    private static final ResourceType PODS = ResourceRegistry.builtIn().findByKind("", "Pod").orElseThrow();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PREFIX = "relayed";
    private static final int PODS_BY_NODE_PARTITIONS = 16;
    private static final String NS = "relayed";

    private static ApiServerProcess server;
    private static KubernetesClient client;
    private static KafkaSettings kafka;
    private final List<Informer<?>> informers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String bootstrapServers = SharedKafka.bootstrapServers();
        server = ApiServerProcess.start(Map.of(
                "SKIFF_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "SKIFF_KAFKA_TOPIC_PREFIX", PREFIX,
                "SKIFF_KAFKA_PODS_BY_NODE_PARTITIONS", Integer.toString(PODS_BY_NODE_PARTITIONS)));
        client = ApiClient.connect(server.url(), "skiff-test");
        kafka = new KafkaSettings(bootstrapServers, new Topics(PREFIX), Map.of());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void stopInformers() {
        informers.forEach(Informer::stop);
    }

    @Test
    void informersFollowWhatTheRelayPublishes() throws Exception {
        RecordingHandler<Pod> everyPod = new RecordingHandler<>();
        Informer<Pod> pods = started(KafkaEventSource.forResource(kafka, "controllers", PODS, Pod.class), everyPod);
        RecordingHandler<Pod> nodeA = new RecordingHandler<>();
        Informer<Pod> kubelet = started(KafkaEventSource.forNodePods(kafka, "kubelet-node-a", "node-a", PODS_BY_NODE_PARTITIONS), nodeA);
        assertThat(pods.awaitSynced(DEADLINE)).isTrue();
        assertThat(kubelet.awaitSynced(DEADLINE)).isTrue();

        create(newPod(NS, "web", "node-a"));
        create(newPod(NS, "db", "node-b"));
        create(newPod(NS, "pending", null));
        client.pods().inNamespace(NS).withName("web").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front").endMetadata().build());
        client.pods().inNamespace(NS).withName("db").withGracePeriod(0).delete();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(pods.indexer().byIndex(Indexes.NAMESPACE, NS)).extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder("web", "pending");
            assertThat(pods.indexer().get(NS + "/web").orElseThrow().getMetadata().getLabels()).containsEntry("tier", "front");
        });
        await().atMost(DEADLINE).until(() -> kubelet.indexer().get(NS + "/web")
                .map(p -> p.getMetadata().getLabels() != null && "front".equals(p.getMetadata().getLabels().get("tier"))).orElse(false));
        assertThat(kubelet.indexer().listKeys()).containsExactly(NS + "/web");

        client.pods().inNamespace(NS).withName("web").withGracePeriod(0).delete();
        await().atMost(DEADLINE).until(() -> kubelet.indexer().size() == 0 && pods.indexer().get(NS + "/web").isEmpty());
        assertThat(nodeA.calls()).hasSizeGreaterThanOrEqualTo(3).allMatch(call -> call.contains(NS + "/web"));
        assertThat(nodeA.calls().get(0)).startsWith("add ");
        assertThat(nodeA.calls().get(nodeA.calls().size() - 1)).startsWith("delete ");

        // a consumer group that has never read rebuilds the live state from the topic alone
        RecordingHandler<Pod> rebuilt = new RecordingHandler<>();
        Informer<Pod> fresh = started(KafkaEventSource.forResource(kafka, "fresh", PODS, Pod.class), rebuilt);
        assertThat(fresh.awaitSynced(DEADLINE)).isTrue();
        assertThat(fresh.indexer().byIndex(Indexes.NAMESPACE, NS)).extracting(p -> p.getMetadata().getName())
                .containsExactly("pending");

        // the first group, restarted, is told only of what changed while it was away
        pods.stop();
        create(newPod(NS, "late", null));
        RecordingHandler<Pod> restartedHandler = new RecordingHandler<>();
        Informer<Pod> restarted = started(KafkaEventSource.forResource(kafka, "controllers", PODS, Pod.class), restartedHandler);
        assertThat(restarted.awaitSynced(DEADLINE)).isTrue();
        await().atMost(DEADLINE).until(() -> restarted.indexer().get(NS + "/late").isPresent());
        assertThat(restartedHandler.calls()).singleElement().asString().startsWith("add " + NS + "/late@");
        assertThat(restarted.indexer().get(NS + "/pending")).isPresent();
    }

    private Informer<Pod> started(KafkaEventSource<Pod> source, RecordingHandler<Pod> handler) {
        Informer<Pod> informer = new Informer<>(source);
        informer.addEventHandler(handler);
        informer.start();
        informers.add(informer);
        return informer;
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NS).resource(pod).create();
    }
}
