package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.time.Instant;

/** Pods in given states, for the unit tests of pod logic. */
final class Pods {

    private Pods() {
    }

    static PodBuilder pod(String name, Instant created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withCreationTimestamp(created.toString()).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
    }

    static PodBuilder running(String name, Instant created, String node, Instant readySince) {
        PodBuilder pod = pod(name, created).editSpec().withNodeName(node).endSpec()
                .editStatus().withPhase("Running").endStatus();
        if (readySince != null) {
            pod.editStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withLastTransitionTime(readySince.toString()).endCondition().endStatus();
        }
        return pod;
    }

    static Pod withRestarts(Pod pod, int restarts) {
        return new PodBuilder(pod).editStatus().addNewContainerStatus().withName("c").withRestartCount(restarts)
                .endContainerStatus().endStatus().build();
    }
}
