package dev.skiff.kubelet.probe;

/** The three probes, each with the result a container has before its first run. */
public enum ProbeType {
    /** Fails → the container is killed and restarted as its restart policy says. */
    LIVENESS(true),
    /** Decides the container's ready flag, and so the pod's Ready and ContainersReady conditions. */
    READINESS(false),
    /** Until it succeeds the other two do not run. */
    STARTUP(false);

    private final boolean initialResult;

    ProbeType(boolean initialResult) {
        this.initialResult = initialResult;
    }

    public boolean initialResult() {
        return initialResult;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
