package dev.skiff.kubelet;

import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.SandboxConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.skiff.kubelet.TestPods.containerStatus;
import static dev.skiff.kubelet.TestPods.create;
import static dev.skiff.kubelet.TestPods.phase;
import static dev.skiff.kubelet.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A kubelet that restarts adopts its running containers and removes those whose pods went away meanwhile. */
@Timeout(180)
class KubeletRestartTest {

    private static final String NODE = "kubelet-restart";
    private static final String NS = "kubelet-restart";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        TestPods.createNamespace(NS);
    }

    @AfterAll
    static void cleanUp() {
        TestKubelet.removeContainersOf(NODE);
    }

    private static List<Container> containersOf(String podName) {
        return TestCluster.docker().listContainers(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, podName));
    }

    @Test
    void adoptsRunningContainersAndRemovesOrphans() throws Exception {
        String keptId;
        try (TestKubelet first = TestKubelet.start(NODE)) {
            create(pod(NS, "kept", NODE, "sleep 3600").build());
            create(pod(NS, "doomed", NODE, "sleep 3600").build());
            await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "kept")) && "Running".equals(phase(NS, "doomed")));
            keptId = containerStatus(NS, "kept", "main").orElseThrow().getContainerID();
        }
        // while the kubelet is down the pod is removed for good (grace 0 does not wait for a kubelet)
        TestCluster.client().pods().inNamespace(NS).withName("doomed").withGracePeriod(0).delete();
        assertThat(containersOf("doomed")).isNotEmpty();

        try (TestKubelet second = TestKubelet.start(NODE)) {
            await().atMost(DEADLINE).until(second::synced);
            await().atMost(DEADLINE).until(() -> containersOf("doomed").isEmpty());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    containerStatus(NS, "kept", "main").map(s -> keptId.equals(s.getContainerID()) && s.getRestartCount() == 0).orElse(false));
            assertThat(containersOf("kept")).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(Container.ContainerState.RUNNING));
        }
    }

    @Test
    void leavesAnotherClustersContainersOfTheSameNodeNameAlone() throws Exception {
        // a sandbox another cluster's kubelet made for a node of the same name on this engine
        String foreign = TestCluster.docker().runPodSandbox(new SandboxConfig("elsewhere", "foreign", "foreign-uid", 0, "foreign",
                false, List.of(), Map.of(PodLabels.CLUSTER, "another-cluster", PodLabels.NODE, NODE,
                        PodLabels.NAMESPACE, "elsewhere", PodLabels.NAME, "foreign", PodLabels.UID, "foreign-uid")));
        try (TestKubelet kubelet = TestKubelet.start(NODE)) {
            await().atMost(DEADLINE).until(kubelet::synced);
            create(pod(NS, "witness", NODE, "sleep 3600").build());
            await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "witness")));
            // relists run every second: a pod it thought an orphan of its own would be removed by now
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    TestCluster.docker().listPodSandboxes(Map.of(PodLabels.UID, "foreign-uid")).size() == 1);
        } finally {
            TestCluster.docker().removePodSandbox(foreign);
        }
    }
}
