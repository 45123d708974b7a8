package dev.skiff.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakePodStarter;
import dev.skiff.controllers.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DaemonSet controller in the manager, against a real api-server; Node objects stand for the
 * nodes (no kubelets), the test plays the kubelet where pods must be ready, and its nodes carry a
 * label of its own so that other tests' nodes are not in its DaemonSets' way.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class DaemonSetControllerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String LABEL = "skiff.dev/daemonset-test";

    private KubernetesClient client;
    private TestNamespace namespace;
    private String ns;
    private final List<String> nodes = new ArrayList<>();

    @BeforeEach
    void connect() {
        namespace = TestNamespace.open("daemonset-test");
        client = namespace.client();
        ns = namespace.name();
    }

    @AfterEach
    void clean() {
        nodes.forEach(node -> client.nodes().withName(node).delete());
        namespace.close();
    }

    private String addNode(String suffix) {
        String name = ns + "-" + suffix;
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels(LABEL, ns).endMetadata().build()).create();
        nodes.add(name);
        return name;
    }

    private DaemonSet daemonSet(String image) {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace(ns).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addToNodeSelector(LABEL, ns).addNewContainer().withName("agent").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private List<Pod> livePods() {
        return client.pods().inNamespace(ns).withLabel("app", "agent").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private List<String> targets() {
        return livePods().stream().map(pod -> DaemonPods.targetNode(pod).orElse("?")).sorted().toList();
    }

    private DaemonSetStatus status() {
        return client.apps().daemonSets().inNamespace(ns).withName("agent").get().getStatus();
    }

    /** The events of REASON about this test's DaemonSet (the namespace, and its events, outlive a test). */
    private List<Event> events(String reason) {
        String uid = client.apps().daemonSets().inNamespace(ns).withName("agent").get().getMetadata().getUid();
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && uid.equals(e.getInvolvedObject().getUid())).toList();
    }

    @Test
    void runsOnePodOnEveryMatchingNodeAndFollowsTheNodes() {
        String a = addNode("a");
        String b = addNode("b");
        String c = addNode("c");
        client.resource(daemonSet("busybox:1")).create();

        await().atMost(DEADLINE).until(() -> targets().equals(List.of(a, b, c)));
        Pod pod = livePods().get(0);
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> assertThat(ref.getKind()).isEqualTo("DaemonSet"));
        assertThat(pod.getSpec().getTolerations()).as("no eviction time added by admission to what a daemon tolerates")
                .anySatisfy(t -> {
                    assertThat(t.getKey()).isEqualTo("node.kubernetes.io/unreachable");
                    assertThat(t.getTolerationSeconds()).isNull();
                });
        await().atMost(DEADLINE).untilAsserted(() -> {
            DaemonSetStatus status = status();
            assertThat(status.getDesiredNumberScheduled()).isEqualTo(3);
            assertThat(status.getCurrentNumberScheduled()).isEqualTo(3);
            assertThat(status.getUpdatedNumberScheduled()).isEqualTo(3);
            assertThat(status.getNumberReady()).isZero();
            assertThat(status.getNumberUnavailable()).isEqualTo(3);
        });

        try (FakePodStarter starter = FakePodStarter.start(client, ns)) {
            await().atMost(DEADLINE).until(() -> status().getNumberAvailable() == 3);

            String d = addNode("d");
            await().atMost(DEADLINE).until(() -> targets().equals(List.of(a, b, c, d)));

            client.nodes().withName(a).edit(node -> new NodeBuilder(node).editOrNewSpec()
                    .addToTaints(new TaintBuilder().withKey("dedicated").withValue("db").withEffect("NoExecute").build()).endSpec().build());
            client.nodes().withName(b).edit(node -> new NodeBuilder(node).editMetadata().removeFromLabels(LABEL).endMetadata().build());
            await().atMost(DEADLINE).until(() -> targets().equals(List.of(c, d)));
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(status().getDesiredNumberScheduled()).isEqualTo(2);
                assertThat(status().getNumberAvailable()).isEqualTo(2);
            });
        }
        assertThat(events("SuccessfulCreate")).hasSize(4).allSatisfy(e -> assertThat(e.getMessage()).startsWith("Created pod: agent-"));
        assertThat(events("SuccessfulDelete")).hasSize(2);
    }

    @Test
    void rollsATemplateChangeOutOneNodeAtATime() {
        List<String> all = List.of(addNode("a"), addNode("b"), addNode("c"));
        try (FakePodStarter starter = FakePodStarter.start(client, ns)) {
            client.resource(daemonSet("busybox:1")).create();
            await().atMost(DEADLINE).until(() -> status() != null && status().getNumberAvailable() == 3);

            client.apps().daemonSets().inNamespace(ns).withName("agent").edit(ds -> new DaemonSetBuilder(ds).editSpec().editTemplate()
                    .editSpec().editFirstContainer().withImage("busybox:2").endContainer().endSpec().endTemplate().endSpec().build());

            AtomicInteger fewestReady = new AtomicInteger(3);
            await().atMost(DEADLINE).until(() -> {
                List<Pod> pods = livePods();
                long ready = pods.stream().filter(FakePodStarter::isReady).map(pod -> DaemonPods.targetNode(pod).orElse("?")).distinct().count();
                fewestReady.accumulateAndGet((int) ready, Math::min);
                return pods.size() == 3 && pods.stream().allMatch(pod -> "busybox:2".equals(pod.getSpec().getContainers().get(0).getImage())
                        && FakePodStarter.isReady(pod));
            });
            assertThat(targets()).containsExactlyElementsOf(all);
            assertThat(fewestReady.get()).as("maxUnavailable 1: at least two nodes kept a ready pod").isGreaterThanOrEqualTo(2);
            await().atMost(DEADLINE).untilAsserted(() -> {
                DaemonSet ds = client.apps().daemonSets().inNamespace(ns).withName("agent").get();
                assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
                assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(3);
                assertThat(ds.getStatus().getObservedGeneration()).isEqualTo(ds.getMetadata().getGeneration());
            });
        }
    }

    @Test
    void adoptsAMatchingOrphanAndReplacesAFailedPod() {
        String a = addNode("a");
        String b = addNode("b");
        Pod orphan = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("orphan").addToLabels("app", "agent")
                .endMetadata().withNewSpec().withNodeName(a).addNewContainer().withName("agent").withImage("busybox:1").endContainer()
                .endSpec().build()).create();

        // OnDelete: the adopted pod, which is not of the template's revision, is not replaced by an update
        client.resource(new DaemonSetBuilder(daemonSet("busybox:1")).editSpec().withNewUpdateStrategy().withType("OnDelete")
                .endUpdateStrategy().endSpec().build()).create();

        await().atMost(DEADLINE).until(() -> targets().equals(List.of(a, b)));
        assertThat(client.pods().inNamespace(ns).withName("orphan").get().getMetadata().getOwnerReferences())
                .as("adopted, not duplicated").singleElement().satisfies(ref -> assertThat(ref.getName()).isEqualTo("agent"));

        client.pods().inNamespace(ns).withName(orphan.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Failed\"}}");

        await().atMost(DEADLINE).until(() -> livePods().stream().noneMatch(pod -> pod.getMetadata().getName().equals("orphan"))
                && targets().equals(List.of(a, b)));
        assertThat(events("FailedDaemonPod")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("Found failed daemon pod " + ns + "/orphan on node " + a + ", will try to kill it"));
    }
}
