package dev.skiff.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod with what the scheduler computes from it once rather than at every node: its resource
 * requests as Kubernetes adds them up, its host ports, its controller. Immutable; the pod itself is
 * shared with the informer's cache and must not be changed.
 */
public final class PodInfo {

    /** What a container without a cpu request counts as when nodes are scored (Kubernetes' 100m). */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** What a container without a memory request counts as when nodes are scored (Kubernetes' 200 MiB). */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private static final String RESTART_ALWAYS = "Always";

    private final Pod pod;
    private final String key;
    private final String nodeName;
    private final Map<String, String> labels;
    private final int priority;
    private final Resources requests;
    private final Resources nonZeroRequests;
    private final List<HostPort> hostPorts;
    private final List<Toleration> tolerations;
    private final String controllerUid;

    private PodInfo(Pod pod) {
        this.pod = pod;
        this.key = keyOf(pod);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        this.nodeName = node == null || node.isEmpty() ? null : node;
        this.labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        this.priority = spec.getPriority() == null ? 0 : spec.getPriority();
        this.requests = requests(spec, false);
        this.nonZeroRequests = requests(spec, true);
        this.hostPorts = hostPorts(spec);
        this.tolerations = spec.getTolerations() == null ? List.of() : List.copyOf(spec.getTolerations());
        this.controllerUid = controllerUid(pod);
    }

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    /** {@code namespace/name}, the key of the informer's cache and of the queue. */
    public static String keyOf(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    public Pod pod() {
        return pod;
    }

    public String key() {
        return key;
    }

    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    public String name() {
        return pod.getMetadata().getName();
    }

    public String uid() {
        return pod.getMetadata().getUid();
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** {@code spec.priority}, 0 when unset. */
    public int priority() {
        return priority;
    }

    /** The node it is bound to, or null. */
    public String nodeName() {
        return nodeName;
    }

    /** Whether it is being deleted ({@code metadata.deletionTimestamp} set). */
    public boolean isTerminating() {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * What the pod needs of a node, as Kubernetes' {@code PodRequests}: the sum of its containers'
     * and sidecars' requests, or the most any init container step needs if that is more, plus the
     * pod's overhead; pod-level cpu and memory requests, when given, stand for the containers'.
     */
    public Resources requests() {
        return requests;
    }

    /** As {@link #requests()}, but a container without a cpu or memory request counts 100m and 200 MiB: what nodes are scored with. */
    public Resources nonZeroRequests() {
        return nonZeroRequests;
    }

    public List<HostPort> hostPorts() {
        return hostPorts;
    }

    public List<Toleration> tolerations() {
        return tolerations;
    }

    /** The uid of the owner that controls the pod (a ReplicaSet, …), or null. */
    public String controllerUid() {
        return controllerUid;
    }

    @Override
    public String toString() {
        return key;
    }

    private static Resources requests(PodSpec spec, boolean nonZero) {
        Resources sum = Resources.NONE;
        for (Container container : list(spec.getContainers())) {
            sum = sum.plus(containerRequests(container, nonZero));
        }
        Resources sidecars = Resources.NONE;
        Resources initMax = Resources.NONE;
        for (Container init : list(spec.getInitContainers())) {
            Resources request = containerRequests(init, nonZero);
            Resources step;
            if (RESTART_ALWAYS.equals(init.getRestartPolicy())) {
                // a sidecar runs on beside the init containers after it and the app containers
                sum = sum.plus(request);
                sidecars = sidecars.plus(request);
                step = sidecars;
            } else {
                step = request.plus(sidecars);
            }
            initMax = initMax.max(step);
        }
        Resources total = sum.max(initMax);
        Map<String, Quantity> podLevel = spec.getResources() == null ? null : spec.getResources().getRequests();
        if (podLevel != null && (podLevel.containsKey(Resources.CPU) || podLevel.containsKey(Resources.MEMORY))) {
            Resources pod = Resources.of(podLevel);
            total = total.withCpuAndMemory(
                    podLevel.containsKey(Resources.CPU) ? pod.milliCpu() : total.milliCpu(),
                    podLevel.containsKey(Resources.MEMORY) ? pod.memory() : total.memory());
        }
        return total.plus(Resources.of(spec.getOverhead()));
    }

    private static Resources containerRequests(Container container, boolean nonZero) {
        Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
        Resources amounts = Resources.of(requests);
        if (!nonZero) {
            return amounts;
        }
        boolean hasCpu = requests != null && requests.containsKey(Resources.CPU);
        boolean hasMemory = requests != null && requests.containsKey(Resources.MEMORY);
        return amounts.withCpuAndMemory(hasCpu ? amounts.milliCpu() : DEFAULT_MILLI_CPU_REQUEST,
                hasMemory ? amounts.memory() : DEFAULT_MEMORY_REQUEST);
    }

    private static List<HostPort> hostPorts(PodSpec spec) {
        List<HostPort> ports = new ArrayList<>();
        List<Container> containers = new ArrayList<>(list(spec.getContainers()));
        for (Container init : list(spec.getInitContainers())) {
            if (RESTART_ALWAYS.equals(init.getRestartPolicy())) {
                containers.add(init);
            }
        }
        for (Container container : containers) {
            for (ContainerPort port : list(container.getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
                    String ip = port.getHostIP() == null || port.getHostIP().isEmpty() ? HostPort.ALL_ADDRESSES : port.getHostIP();
                    ports.add(new HostPort(protocol, ip, port.getHostPort()));
                }
            }
        }
        return List.copyOf(ports);
    }

    private static String controllerUid(Pod pod) {
        for (OwnerReference owner : list(pod.getMetadata().getOwnerReferences())) {
            if (Boolean.TRUE.equals(owner.getController()) && owner.getUid() != null && !owner.getUid().isEmpty()) {
                return owner.getUid();
            }
        }
        return null;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
