package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Objects;

/** The well-known node taints and Kubernetes' rule for whether a toleration tolerates a taint. */
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

    /**
     * As Kubernetes' {@code Toleration.ToleratesTaint}: an empty effect matches every effect, an
     * empty key (with {@code Exists}) every key; {@code Exists} any value, {@code Equal} (or no
     * operator) the same value.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        String operator = toleration.getOperator();
        if (isEmpty(operator) || operator.equals("Equal")) {
            return Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
        }
        return operator.equals("Exists");
    }

    /** Whether the taints hold one with this key and effect. */
    public static boolean has(List<Taint> taints, String key, String effect) {
        return taints != null && taints.stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    /** Whether two taints are the same taint: same key and effect (a node holds one of each pair). */
    static boolean sameTaint(Taint a, Taint b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
