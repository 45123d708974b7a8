package dev.skiff.kubelet.node;

import dev.skiff.kubelet.config.KubeletConfig;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The node's four conditions as the kubelet judges them now: memory, disk and PID pressure from
 * the machine, and Ready unless the container runtime cannot be reached. Transition times are kept
 * from the previous conditions when a status did not change.
 */
public final class NodeConditions {

    /** Kubernetes' default hard eviction thresholds: memory.available 100Mi, nodefs.available 10%. */
    static final long MEMORY_AVAILABLE_THRESHOLD = 100L * 1024 * 1024;
    static final double DISK_FREE_THRESHOLD = 0.10;
    static final double PID_USAGE_THRESHOLD = 0.90;

    private final Path rootDir;

    public NodeConditions(KubeletConfig config, Path rootDir) {
        Objects.requireNonNull(config);
        this.rootDir = rootDir;
    }

    /** The conditions now; {@code runtimeError} is null when the runtime answers. */
    public List<NodeCondition> current(List<NodeCondition> previous, String runtimeError, String now) {
        boolean memoryPressure = MachineInfo.availableMemoryBytes() < MEMORY_AVAILABLE_THRESHOLD;
        long total = MachineInfo.diskBytes(rootDir);
        boolean diskPressure = total > 0 && (double) MachineInfo.freeDiskBytes(rootDir) / total < DISK_FREE_THRESHOLD;
        boolean pidPressure = MachineInfo.pidUsage() > PID_USAGE_THRESHOLD;
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(runtimeError == null
                ? condition(previous, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now)
                : condition(previous, "Ready", "False", "KubeletNotReady", "container runtime is down: " + runtimeError, now));
        conditions.add(memoryPressure
                ? condition(previous, "MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", now)
                : condition(previous, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now));
        conditions.add(diskPressure
                ? condition(previous, "DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure", now)
                : condition(previous, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now));
        conditions.add(pidPressure
                ? condition(previous, "PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available", now)
                : condition(previous, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now));
        return conditions;
    }

    /** Whether two condition lists say the same (ignoring heartbeat times). */
    public static boolean sameStatus(List<NodeCondition> a, List<NodeCondition> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (NodeCondition condition : a) {
            NodeCondition other = find(b, condition.getType());
            if (other == null || !Objects.equals(other.getStatus(), condition.getStatus())
                    || !Objects.equals(other.getReason(), condition.getReason())
                    || !Objects.equals(other.getMessage(), condition.getMessage())) {
                return false;
            }
        }
        return true;
    }

    private static NodeCondition condition(List<NodeCondition> previous, String type, String status,
                                           String reason, String message, String now) {
        NodeCondition before = find(previous, type);
        String transition = before != null && status.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now;
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(transition).build();
    }

    private static NodeCondition find(List<NodeCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
