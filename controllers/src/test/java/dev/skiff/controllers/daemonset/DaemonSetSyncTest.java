package dev.skiff.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonSetSyncTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final String HASH = "new";

    private static DaemonSet daemonSet(int maxUnavailable, int maxSurge) {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("kube-system").withUid("ds-uid")
                .withGeneration(2L).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(maxUnavailable)).withMaxSurge(new IntOrString(maxSurge)).endRollingUpdate().endUpdateStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addToNodeSelector("role", "worker").addNewContainer().withName("agent").withImage("agent:2").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static Node node(String name, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("role", "worker").endMetadata()
                .withNewSpec().withTaints(taints).endSpec().build();
    }

    private static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }

    /** A pod of the template HASH on NODE, created at MINUTE past nine, in PHASE (ready when Running). */
    private static Pod pod(String name, String node, String hash, int minute, String phase) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
                .withCreationTimestamp("2026-11-28T09:%02d:00Z".formatted(minute))
                .addToLabels("app", "agent").addToLabels(DaemonPods.REVISION_HASH_LABEL, hash).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (phase.equals("Running")) {
            pod.editStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-11-28T09:00:00Z").endCondition()
                    .endStatus();
        }
        return pod.build();
    }

    private static Map<String, List<Pod>> onNodes(Pod... pods) {
        Map<String, List<Pod>> byNode = new LinkedHashMap<>();
        for (Pod pod : pods) {
            byNode.computeIfAbsent(pod.getSpec().getNodeName(), n -> new ArrayList<>()).add(pod);
        }
        byNode.values().forEach(list -> list.sort(DaemonSetSync.OLDEST_FIRST));
        return byNode;
    }

    private static DaemonSetSync.Plan plan(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> pods) {
        return new DaemonSetSync(ds, NodeFit.of(ds, nodes), pods, HASH, NOW).plan();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(pod -> pod.getMetadata().getName()).toList();
    }

    @Test
    void everyNodeThatFitsGetsOnePodAndOnlyThose() {
        Node plain = node("a");
        Node database = new NodeBuilder(node("b")).editMetadata().addToLabels("role", "database").endMetadata().build();
        Node dedicated = node("c", taint("dedicated", "NoSchedule"));
        Node cordoned = new NodeBuilder(node("d", taint("node.kubernetes.io/unschedulable", "NoSchedule"))).editSpec().withUnschedulable(true)
                .endSpec().build();
        Node notReady = node("e", taint("node.kubernetes.io/not-ready", "NoExecute"));

        DaemonSetSync.Plan plan = plan(daemonSet(1, 0), List.of(plain, database, dedicated, cordoned, notReady), Map.of());

        assertThat(plan.createOn()).as("the node selector, an untolerated NoSchedule taint, and what daemons tolerate")
                .containsExactly("a", "d", "e");
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void aPodStaysOnANodeThatGotANoScheduleTaintButGoesWithANoExecuteOneOrAMismatch() {
        Node tainted = node("a", taint("dedicated", "NoSchedule"));
        Node evicting = node("b", taint("dedicated", "NoExecute"));
        Node relabelled = new NodeBuilder(node("c")).editMetadata().addToLabels("role", "database").endMetadata().build();

        DaemonSetSync.Plan plan = plan(daemonSet(1, 0), List.of(tainted, evicting, relabelled), onNodes(
                pod("on-a", "a", HASH, 1, "Running"), pod("on-b", "b", HASH, 1, "Running"), pod("on-c", "c", HASH, 1, "Running")));

        assertThat(plan.createOn()).isEmpty();
        assertThat(names(plan.delete())).containsExactly("on-b", "on-c");
    }

    @Test
    void failedPodsAreReplacedAndASecondPodOnANodeGoes() {
        DaemonSetSync.Plan plan = plan(daemonSet(1, 0), List.of(node("a"), node("b")), onNodes(
                pod("failed", "a", HASH, 1, "Failed"), pod("older", "b", HASH, 1, "Running"), pod("younger", "b", HASH, 2, "Running")));

        assertThat(names(plan.delete())).containsExactly("failed", "younger");
        assertThat(names(plan.failed())).containsExactly("failed");
        assertThat(plan.createOn()).as("a new pod once the failed one is gone").isEmpty();
    }

    @Test
    void anUnscheduledPodPinnedToANodeThatIsGoneIsDeleted() {
        Pod bound = pod("bound", "gone", HASH, 1, "Running");
        Pod pinned = DaemonPods.newPod(daemonSet(1, 0), "gone", HASH);
        pinned.getMetadata().setName("pinned");
        Map<String, List<Pod>> pods = onNodes(bound);
        pods.get("gone").add(pinned);

        DaemonSetSync.Plan plan = plan(daemonSet(1, 0), List.of(node("a")), pods);

        assertThat(plan.createOn()).containsExactly("a");
        assertThat(names(plan.delete())).as("the bound one is the pod garbage collector's").containsExactly("pinned");
    }

    @Test
    void aRollingUpdateReplacesAsManyAvailableOldPodsAsMaxUnavailableAllows() {
        List<Node> nodes = List.of(node("a"), node("b"), node("c"), node("d"));
        DaemonSetSync.Plan first = plan(daemonSet(2, 0), nodes, onNodes(pod("old-a", "a", "old", 1, "Running"),
                pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running"), pod("old-d", "d", "old", 4, "Pending")));

        assertThat(names(first.delete())).as("the unavailable old pod always; two available ones").containsExactly("old-d", "old-a", "old-b");
        assertThat(first.createOn()).isEmpty();

        DaemonSetSync.Plan waiting = plan(daemonSet(2, 0), nodes, onNodes(pod("new-a", "a", HASH, 5, "Pending"),
                pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running"), pod("new-d", "d", HASH, 5, "Running")));
        assertThat(names(waiting.delete())).as("node a's new pod is not available yet: one more may go").containsExactly("old-b");

        DaemonSetSync.Plan blocked = plan(daemonSet(1, 0), nodes, onNodes(pod("new-a", "a", HASH, 5, "Pending"),
                pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running"), pod("new-d", "d", HASH, 5, "Running")));
        assertThat(blocked.isEmpty()).isTrue();
    }

    @Test
    void aSurgingUpdateStartsNewPodsBesideOldOnesAndRemovesEachOldOneOnceItsSuccessorIsAvailable() {
        List<Node> nodes = List.of(node("a"), node("b"), node("c"));
        DaemonSetSync.Plan first = plan(daemonSet(0, 1), nodes, onNodes(pod("old-a", "a", "old", 1, "Running"),
                pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running")));
        assertThat(first.createOn()).containsExactly("a");
        assertThat(first.delete()).isEmpty();

        DaemonSetSync.Plan starting = plan(daemonSet(0, 1), nodes, onNodes(pod("old-a", "a", "old", 1, "Running"),
                pod("new-a", "a", HASH, 5, "Pending"), pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running")));
        assertThat(starting.isEmpty()).as("both pods stay on a while the new one starts; no second surge").isTrue();

        DaemonSetSync.Plan available = plan(daemonSet(0, 1), nodes, onNodes(pod("old-a", "a", "old", 1, "Running"),
                pod("new-a", "a", HASH, 5, "Running"), pod("old-b", "b", "old", 2, "Running"), pod("old-c", "c", "old", 3, "Running")));
        assertThat(names(available.delete())).containsExactly("old-a");
    }

    @Test
    void onDeleteLeavesOldPodsAlone() {
        DaemonSet ds = new DaemonSetBuilder(daemonSet(1, 0)).editSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .endSpec().build();

        assertThat(plan(ds, List.of(node("a")), onNodes(pod("old-a", "a", "old", 1, "Running"))).isEmpty()).isTrue();
    }

    @Test
    void newPodsArePinnedToTheirNodeAndTolerateNodeTroubles() {
        Pod pod = DaemonPods.newPod(daemonSet(1, 0), "node-7", HASH);

        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("agent-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "agent").containsEntry(DaemonPods.REVISION_HASH_LABEL, HASH)
                .containsEntry(DaemonPods.TEMPLATE_GENERATION_LABEL, "2");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getKind() + "/" + ref.getName() + " " + ref.getController()).isEqualTo("DaemonSet/agent true"));
        assertThat(DaemonPods.targetNode(pod)).contains("node-7");
        assertThat(pod.getSpec().getNodeName()).isNull();
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey() + ":" + t.getEffect()).containsExactly(
                "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule");
        assertThat(pod.getSpec().getTolerations()).allSatisfy(t -> assertThat(t.getTolerationSeconds()).isNull());
    }
}
