package dev.skiff.scheduler.testing;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Map;

/** Nodes, pods and snapshots for unit tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A node with that much allocatable cpu (e.g. "4"), memory ("8Gi") and room for 110 pods, labelled with its hostname. */
    public static NodeBuilder node(String name, String cpu, String memory) {
        return new NodeBuilder()
                .withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).withResourceVersion("1").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .addToCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .addToAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .endStatus();
    }

    public static Node node(String name) {
        return node(name, "4", "8Gi").build();
    }

    /** A pending pod in namespace "default" whose one container requests cpu and memory (null: no request). */
    public static PodBuilder pod(String name, String cpu, String memory) {
        ContainerBuilder container = new ContainerBuilder().withName("main").withImage("busybox");
        if (cpu != null) {
            container.editOrNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
        }
        if (memory != null) {
            container.editOrNewResources().addToRequests("memory", new Quantity(memory)).endResources();
        }
        return new PodBuilder()
                .withNewMetadata().withNamespace("default").withName(name).withUid(name + "-uid").withResourceVersion("1").endMetadata()
                .withNewSpec().withSchedulerName("default-scheduler").withPriority(0).addToContainers(container.build()).endSpec();
    }

    public static PodInfo podInfo(String name) {
        return PodInfo.of(pod(name, "100m", "128Mi").build());
    }

    /** The pod as bound to the node. */
    public static Pod bound(Pod pod, String node) {
        return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
    }

    /** Node infos with the pods bound to them (pods name their node). */
    public static NodeInfo nodeInfo(Node node, Pod... pods) {
        NodeInfo info = new NodeInfo(node);
        for (Pod pod : pods) {
            info.addPod(PodInfo.of(pod));
        }
        return info;
    }

    public static Snapshot snapshot(List<NodeInfo> nodes) {
        Snapshot snapshot = new Snapshot();
        nodes.forEach(snapshot::put);
        return snapshot;
    }

    public static CycleState state(NodeInfo... nodes) {
        return new CycleState(snapshot(List.of(nodes)));
    }
}
