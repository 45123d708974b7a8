package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;

import java.util.List;
import java.util.Objects;

/** The well-known node taints. */
public final class Taints {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    public static final String NO_EXECUTE = "NoExecute";
    public static final String NO_SCHEDULE = "NoSchedule";

    private Taints() {
    }

    /** Whether the taints hold one with this key and effect. */
    public static boolean has(List<Taint> taints, String key, String effect) {
        return taints != null && taints.stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    /** Whether two taints are the same taint: same key and effect (a node holds one of each pair). */
    static boolean sameTaint(Taint a, Taint b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
    }
}
