package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.nodeInfo;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodeResourcesFitTest {

    private final NodeResourcesFit fit = new NodeResourcesFit(NodeResourcesFit.Strategy.LEAST_ALLOCATED);

    @Test
    void aPodFitsWhatItsNodesPodsLeaveOfAllocatable() {
        NodeInfo node = nodeInfo(node("n", "2", "4Gi").build(), bound(pod("a", "1500m", "1Gi").build(), "n"));

        assertThat(filter(pod("fits", "500m", "3Gi").build(), node).isSuccess()).isTrue();
        Status cpu = filter(pod("big", "501m", "1Gi").build(), node);
        assertThat(cpu.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
        assertThat(cpu.reasons()).containsExactly("Insufficient cpu");
        assertThat(filter(pod("both", "1", "4Gi").build(), node).reasons()).containsExactly("Insufficient cpu", "Insufficient memory");
    }

    @Test
    void countsPodsAgainstAllocatablePodsEvenWithoutRequests() {
        NodeInfo full = nodeInfo(node("n", "2", "4Gi").editStatus().addToAllocatable("pods", new Quantity("1")).endStatus().build(),
                bound(pod("a", null, null).build(), "n"));

        assertThat(filter(pod("best-effort", null, null).build(), full).reasons()).containsExactly("Too many pods");
    }

    @Test
    void extendedResourcesAndEphemeralStorageAreChecked() {
        NodeInfo node = new NodeInfo(node("n", "2", "4Gi").editStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("1"))
                .addToAllocatable("ephemeral-storage", new Quantity("10Gi")).endStatus().build());
        Pod twoGpus = pod("g", "100m", null).editSpec().editFirstContainer().editResources()
                .addToRequests("nvidia.com/gpu", new Quantity("2")).addToRequests("ephemeral-storage", new Quantity("20Gi"))
                .endResources().endContainer().endSpec().build();
        Pod oneGpu = pod("g1", "100m", null).editSpec().editFirstContainer().editResources()
                .addToRequests("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().endSpec().build();

        assertThat(filter(twoGpus, node).reasons()).containsExactlyInAnyOrder("Insufficient ephemeral-storage", "Insufficient nvidia.com/gpu");
        assertThat(filter(oneGpu, node).isSuccess()).isTrue();
        NodeInfo noGpus = new NodeInfo(node("plain"));
        assertThat(filter(oneGpu, noGpus).reasons()).containsExactly("Insufficient nvidia.com/gpu");
    }

    @Test
    void leastAllocatedPrefersTheEmptierNodeCountingDefaultsForPodsWithoutRequests() {
        NodeInfo empty = new NodeInfo(node("empty", "4", "8Gi").build());
        NodeInfo half = nodeInfo(node("half", "4", "8Gi").build(), bound(pod("a", "2", "4Gi").build(), "half"));
        PodInfo pod = PodInfo.of(pod("p", "1", "2Gi").build());

        // (4-1)/4 = 75 for cpu and memory alike; (4-3)/4 = 25
        assertThat(fit.score(state(empty, half), pod, empty)).isEqualTo(75);
        assertThat(fit.score(state(empty, half), pod, half)).isEqualTo(25);

        PodInfo bestEffort = PodInfo.of(pod("be", null, null).build());
        // 100m of 4000m: 97; 200Mi of 8Gi: 97
        assertThat(fit.score(state(empty), bestEffort, empty)).isEqualTo(97);
    }

    @Test
    void mostAllocatedPrefersTheFullerNode() {
        NodeResourcesFit binPacking = new NodeResourcesFit(NodeResourcesFit.Strategy.MOST_ALLOCATED);
        NodeInfo empty = new NodeInfo(node("empty", "4", "8Gi").build());
        NodeInfo half = nodeInfo(node("half", "4", "8Gi").build(), bound(pod("a", "2", "4Gi").build(), "half"));
        PodInfo pod = PodInfo.of(pod("p", "1", "2Gi").build());

        assertThat(binPacking.score(state(empty, half), pod, empty)).isEqualTo(25);
        assertThat(binPacking.score(state(empty, half), pod, half)).isEqualTo(75);
    }

    private Status filter(Pod pod, NodeInfo node) {
        return fit.filter(state(node), PodInfo.of(pod), node);
    }
}
