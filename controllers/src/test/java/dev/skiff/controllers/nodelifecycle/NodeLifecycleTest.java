package dev.skiff.controllers.nodelifecycle;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakeKubelet;
import dev.skiff.controllers.testing.NodeFailureProfile;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.informer.ApiClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The node lifecycle and taint eviction controllers against a real api-server, the test playing the
 * kubelets: a node whose lease stops is marked unknown and tainted and its pods evicted after their
 * tolerations, a live one is left alone, one that comes back loses its taints.
 */
@QuarkusTest
@TestProfile(NodeFailureProfile.class)
@QuarkusTestResource(ApiServerResource.class)
@Timeout(90)
class NodeLifecycleTest {

    private static final String NS = "node-lifecycle-test";
    private static final Duration RENEW = Duration.ofMillis(500);

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;
    private final List<FakeKubelet> kubelets = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = ApiClient.connect(apiServer, "skiff-test");
        TestNamespace.ensure(client, NS);
    }

    @AfterEach
    void cleanUp() {
        kubelets.forEach(FakeKubelet::close);
        client.pods().inNamespace(NS).withGracePeriod(0).delete();
        client.close();
    }

    private FakeKubelet kubelet(String node) {
        FakeKubelet kubelet = new FakeKubelet(client, node);
        kubelets.add(kubelet);
        return kubelet;
    }

    @Test
    void aDeadNodeIsMarkedUnknownTaintedAndEmptiedWhileALiveOneRunsOnAndTheTaintsGoWhenItComesBack() {
        FakeKubelet dead = kubelet("dies").register(Instant.now()).renewEvery(RENEW);
        FakeKubelet alive = kubelet("lives").register(Instant.now()).renewEvery(RENEW);
        Pod byDefault = dead.runPod(NS, "default-tolerations");
        dead.runPod(NS, "stays-forever", unreachableFor(null));
        alive.runPod(NS, "healthy");
        assertThat(byDefault.getSpec().getTolerations()).extracting(t -> t.getKey() + "=" + t.getTolerationSeconds())
                .containsExactly(Taints.NOT_READY + "=2", Taints.UNREACHABLE + "=2");

        dead.stopRenewing();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Node node = client.nodes().withName("dies").get();
            assertThat(node.getStatus().getConditions()).allSatisfy(condition -> {
                assertThat(condition.getStatus()).isEqualTo("Unknown");
                assertThat(condition.getReason()).isEqualTo("NodeStatusUnknown");
                assertThat(condition.getMessage()).isEqualTo("Kubelet stopped posting node status.");
            });
            assertThat(node.getSpec().getTaints()).extracting(t -> t.getKey() + ":" + t.getEffect())
                    .containsExactlyInAnyOrder(Taints.UNREACHABLE + ":NoExecute", Taints.UNREACHABLE + ":NoSchedule");
        });
        Taint unreachable = client.nodes().withName("dies").get().getSpec().getTaints().stream()
                .filter(t -> "NoExecute".equals(t.getEffect())).findFirst().orElseThrow();
        assertThat(unreachable.getTimeAdded()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(ready(pod("default-tolerations"))).isEqualTo("False");
            assertThat(ready(pod("stays-forever"))).isEqualTo("False");
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(events("default", "dies")).extracting(Event::getReason).contains("RegisteredNode", "NodeNotReady");
            assertThat(events(NS, "stays-forever")).extracting(Event::getReason).contains("NodeNotReady");
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> pod("default-tolerations").getMetadata().getDeletionTimestamp() != null);
        Pod evicted = pod("default-tolerations");
        Instant deletedAt = Instant.parse(evicted.getMetadata().getDeletionTimestamp())
                .minusSeconds(evicted.getMetadata().getDeletionGracePeriodSeconds());
        assertThat(deletedAt).as("evicted once its 2 s toleration ran out")
                .isAfterOrEqualTo(Instant.parse(unreachable.getTimeAdded()).plusSeconds(2));
        assertThat(evicted.getStatus().getConditions()).as("marked as disrupted, the other conditions kept").anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("DisruptionTarget");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("DeletionByTaintManager");
            assertThat(c.getMessage()).isEqualTo("Taint manager: deleting due to NoExecute taint");
        }).anySatisfy(c -> assertThat(c.getType()).isEqualTo("Ready"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events(NS, "default-tolerations"))
                .extracting(Event::getReason, Event::getMessage)
                .contains(tuple("TaintManagerEviction", "Marking for deletion Pod " + NS + "/default-tolerations")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> pod("stays-forever").getMetadata().getDeletionTimestamp() == null);

        Node live = client.nodes().withName("lives").get();
        assertThat(NodeConditions.isReady(live)).isTrue();
        assertThat(live.getSpec().getTaints()).isNullOrEmpty();
        assertThat(pod("healthy").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(ready(pod("healthy"))).isEqualTo("True");

        dead.renewEvery(RENEW);
        dead.postReady();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Node node = client.nodes().withName("dies").get();
            assertThat(NodeConditions.isReady(node)).isTrue();
            assertThat(node.getSpec().getTaints()).isNullOrEmpty();
        });
        assertThat(pod("stays-forever").getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void aPodThatDoesNotTolerateANoExecuteTaintGoesAtOnceAndOneThatDoesStaysItsTime() {
        FakeKubelet kubelet = kubelet("maintained").register(Instant.now()).renewEvery(RENEW);
        Taint maintenance = new TaintBuilder().withKey("example.com/maintenance").withValue("true").withEffect("NoExecute").build();
        Instant tainted = Instant.now();
        client.nodes().withName("maintained").edit(node -> new NodeBuilder(node).editOrNewSpec().addToTaints(maintenance).endSpec().build());
        kubelet.runPod(NS, "intolerant");
        kubelet.runPod(NS, "tolerant", new TolerationBuilder().withKey("example.com/maintenance").withOperator("Exists")
                .withEffect("NoExecute").build());
        kubelet.runPod(NS, "tolerant-for-a-while", new TolerationBuilder().withKey("example.com/maintenance")
                .withOperator("Equal").withValue("true").withEffect("NoExecute").withTolerationSeconds(2L).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> pod("intolerant").getMetadata().getDeletionTimestamp() != null);
        assertThat(pod("tolerant-for-a-while").getMetadata().getDeletionTimestamp()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("tolerant-for-a-while").getMetadata().getDeletionTimestamp() != null);
        // its 2 s count from when the controller first saw the taint, kept to the second: never before
        // the second in which the taint was added, plus 2 s
        assertThat(Duration.between(tainted.truncatedTo(ChronoUnit.SECONDS), Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(pod("tolerant").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(client.nodes().withName("maintained").get().getSpec().getTaints()).containsExactly(maintenance);
    }

    @Test
    void aNodeIsJudgedByWhenTheControllerSawItsHeartbeatNotByItsTimestamps() {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        kubelet("stale").register(anHourAgo);
        kubelet("never-posted").registerWithoutStatus();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> NodeConditions.isReady(client.nodes().withName("stale").get()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(NodeConditions.status(client.nodes().withName("stale").get(), "Ready")).contains("Unknown");
            Node neverPosted = client.nodes().withName("never-posted").get();
            assertThat(neverPosted.getStatus().getConditions()).extracting(NodeCondition::getType, NodeCondition::getStatus,
                    NodeCondition::getReason).contains(tuple("Ready", "Unknown", "NodeStatusNeverUpdated"));
            assertThat(Taints.has(neverPosted.getSpec().getTaints(), Taints.UNREACHABLE, "NoExecute")).isTrue();
        });
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private static String ready(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow().getStatus();
    }

    private List<Event> events(String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    private static Toleration unreachableFor(Long seconds) {
        return new TolerationBuilder().withKey(Taints.UNREACHABLE).withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(seconds).build();
    }
}
