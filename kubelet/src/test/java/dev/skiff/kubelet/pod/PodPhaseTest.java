package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes' rules for a pod's phase from its containers' states. */
class PodPhaseTest {

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName("c").withState(new ContainerStateBuilder().withNewRunning().endRunning().build()).build();
    }

    private static ContainerStatus exited(int code) {
        return new ContainerStatusBuilder().withName("c").withState(new ContainerStateBuilder().withNewTerminated()
                .withExitCode(code).endTerminated().build()).build();
    }

    private static ContainerStatus waiting() {
        return new ContainerStatusBuilder().withName("c").withState(new ContainerStateBuilder().withNewWaiting()
                .withReason("ContainerCreating").endWaiting().build()).build();
    }

    private static ContainerStatus backingOff() {
        return new ContainerStatusBuilder().withName("c").withState(new ContainerStateBuilder().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().build())
                .withLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(1).endTerminated().build()).build();
    }

    @Test
    void pendingWhileAnyContainerWaitsToStartForTheFirstTime() {
        assertThat(PodStatusBuilder.phase("Always", List.of(), List.of(running(), waiting()))).isEqualTo("Pending");
    }

    @Test
    void runningWhileAnyRunsOrRestarts() {
        assertThat(PodStatusBuilder.phase("Always", List.of(), List.of(running(), exited(0)))).isEqualTo("Running");
        assertThat(PodStatusBuilder.phase("Always", List.of(), List.of(backingOff()))).isEqualTo("Running");
        assertThat(PodStatusBuilder.phase("OnFailure", List.of(), List.of(exited(1)))).isEqualTo("Running");
    }

    @Test
    void succeededOrFailedOnceAllStoppedForGood() {
        assertThat(PodStatusBuilder.phase("Never", List.of(), List.of(exited(0), exited(0)))).isEqualTo("Succeeded");
        assertThat(PodStatusBuilder.phase("OnFailure", List.of(), List.of(exited(0)))).isEqualTo("Succeeded");
        assertThat(PodStatusBuilder.phase("Never", List.of(), List.of(exited(0), exited(2)))).isEqualTo("Failed");
    }

    @Test
    void initContainersHoldThePodPendingAndFailItUnderNever() {
        assertThat(PodStatusBuilder.phase("Always", List.of(running()), List.of(waiting()))).isEqualTo("Pending");
        assertThat(PodStatusBuilder.phase("Always", List.of(exited(0)), List.of(running()))).isEqualTo("Running");
        assertThat(PodStatusBuilder.phase("Never", List.of(exited(1)), List.of(waiting()))).isEqualTo("Failed");
        assertThat(PodStatusBuilder.phase("OnFailure", List.of(exited(1)), List.of(waiting()))).isEqualTo("Pending");
    }
}
