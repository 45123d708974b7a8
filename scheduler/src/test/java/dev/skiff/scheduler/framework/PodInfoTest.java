package dev.skiff.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class PodInfoTest {

    private static final long MI = 1024L * 1024;

    @Test
    void requestsAddUpTheContainersAndTakeTheLargestInitContainerStep() {
        Pod pod = new PodBuilder(pod("p", null, null).build()).editSpec()
                .withContainers(container("a", "100m", "64Mi"), container("b", "250m", "64Mi"))
                .withInitContainers(container("migrate", "1", "32Mi"), container("fetch", "50m", "512Mi"))
                .endSpec().build();

        Resources requests = PodInfo.of(pod).requests();

        assertThat(requests.milliCpu()).as("max(350m, 1000m)").isEqualTo(1000);
        assertThat(requests.memory()).as("max(128Mi, 512Mi)").isEqualTo(512 * MI);
    }

    @Test
    void sidecarsRunBesideTheLaterInitContainersAndTheAppContainers() {
        Container sidecar = new ContainerBuilder(container("proxy", "200m", "100Mi")).withRestartPolicy("Always").build();
        Pod pod = new PodBuilder(pod("p", null, null).build()).editSpec()
                .withContainers(container("app", "300m", "100Mi"))
                .withInitContainers(sidecar, container("setup", "600m", "10Mi"))
                .endSpec().build();

        Resources requests = PodInfo.of(pod).requests();

        assertThat(requests.milliCpu()).as("max(300m + 200m, 600m + 200m)").isEqualTo(800);
        assertThat(requests.memory()).as("max(200Mi, 110Mi)").isEqualTo(200 * MI);
    }

    @Test
    void overheadIsAddedAndPodLevelRequestsReplaceTheContainers() {
        Pod withOverhead = new PodBuilder(pod("p", "1", "1Gi").build()).editSpec()
                .withOverhead(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("120Mi"))).endSpec().build();
        assertThat(PodInfo.of(withOverhead).requests().milliCpu()).isEqualTo(1250);
        assertThat(PodInfo.of(withOverhead).requests().memory()).isEqualTo(1024 * MI + 120 * MI);

        Pod podLevel = new PodBuilder(pod("p", "1", "1Gi").build()).editSpec()
                .withNewResources().addToRequests("cpu", new Quantity("3")).endResources().endSpec().build();
        assertThat(PodInfo.of(podLevel).requests().milliCpu()).isEqualTo(3000);
        assertThat(PodInfo.of(podLevel).requests().memory()).isEqualTo(1024 * MI);
    }

    @Test
    void containersWithoutCpuOrMemoryRequestCountKubernetesDefaultsForScoringOnly() {
        Pod pod = new PodBuilder(pod("p", null, null).build()).editSpec()
                .withContainers(container("a", null, "1Gi"), container("b", "0", null)).endSpec().build();
        PodInfo info = PodInfo.of(pod);

        assertThat(info.requests().milliCpu()).isZero();
        assertThat(info.nonZeroRequests().milliCpu()).as("100m for a, 0 stated for b").isEqualTo(100);
        assertThat(info.nonZeroRequests().memory()).isEqualTo(1024 * MI + 200 * MI);
    }

    @Test
    void quantitiesRoundUp() {
        assertThat(Resources.milliValue(new Quantity("0.0001"))).isEqualTo(1);
        assertThat(Resources.value(new Quantity("1500m"))).isEqualTo(2);
        assertThat(Resources.value(new Quantity("1Ki"))).isEqualTo(1024);
        assertThat(Resources.of(Map.of("cpu", new Quantity("2"), "pods", new Quantity("110"), "example.com/foo", new Quantity("3"))))
                .isEqualTo(new Resources(2000, 0, 0, Map.of("example.com/foo", 3L)));
    }

    @Test
    void hostPortsOfAppContainersAndSidecarsAndTheController() {
        Pod pod = new PodBuilder(pod("p", null, null).build()).editMetadata()
                .addNewOwnerReference().withUid("rs-uid").withController(true).withKind("ReplicaSet").withName("rs").withApiVersion("apps/v1").endOwnerReference()
                .endMetadata().editSpec()
                .withContainers(new ContainerBuilder(container("web", null, null)).addNewPort().withContainerPort(80).withHostPort(8080).endPort()
                        .addNewPort().withContainerPort(9090).endPort().build())
                .withInitContainers(new ContainerBuilder(container("init", null, null)).addNewPort().withContainerPort(1).withHostPort(1).endPort().build())
                .endSpec().build();
        PodInfo info = PodInfo.of(pod);

        assertThat(info.hostPorts()).containsExactly(new HostPort("TCP", "0.0.0.0", 8080));
        assertThat(info.controllerUid()).isEqualTo("rs-uid");
    }

    private static Container container(String name, String cpu, String memory) {
        ContainerBuilder builder = new ContainerBuilder().withName(name).withImage("busybox");
        if (cpu != null) {
            builder.editOrNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
        }
        if (memory != null) {
            builder.editOrNewResources().addToRequests("memory", new Quantity(memory)).endResources();
        }
        return builder.build();
    }
}
