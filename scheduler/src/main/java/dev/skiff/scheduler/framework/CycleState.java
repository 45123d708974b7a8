package dev.skiff.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one pod's scheduling cycle, as Kubernetes' {@code CycleState}: the snapshot of the
 * nodes, what plugins computed at one extension point for a later one (PreFilter for Filter,
 * PreScore for Score) under keys of their own, and which plugins skip Filter and Score for this pod.
 * Written only at the single-threaded points (PreFilter, PreScore, Reserve); Filter and Score,
 * which may run on several threads, only read it.
 */
public final class CycleState {

    private final Snapshot snapshot;
    private final Map<String, Object> data = new HashMap<>();
    private final Set<String> skipFilter = new HashSet<>();
    private final Set<String> skipScore = new HashSet<>();
    /** The Filter plugins that run for this pod, once PreFilter has run. */
    private FilterPlugin[] filters;

    public CycleState(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public void write(String key, Object value) {
        data.put(key, value);
    }

    /** What was written under the key, or null. */
    public <T> T read(String key, Class<T> type) {
        return type.cast(data.get(key));
    }

    /** Plugins whose PreFilter said {@link Status.Code#SKIP}: their Filter does not run for this pod. */
    public Set<String> skipFilterPlugins() {
        return skipFilter;
    }

    FilterPlugin[] filters() {
        return filters;
    }

    void setFilters(FilterPlugin[] filters) {
        this.filters = filters;
    }

    /** Plugins whose PreScore said {@link Status.Code#SKIP}: their Score does not run for this pod. */
    public Set<String> skipScorePlugins() {
        return skipScore;
    }
}
