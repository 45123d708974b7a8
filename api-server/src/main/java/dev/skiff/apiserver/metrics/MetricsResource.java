package dev.skiff.apiserver.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resources of the resource metrics API ({@code metrics.k8s.io/v1beta1}) that {@code kubectl
 * top} reads: the current CPU and memory use of nodes and pods, read from their kubelets when asked
 * and never stored, so they stand outside the registry of stored resources. Skiff serves them
 * itself, in place of Kubernetes' separate metrics-server.
 */
public enum MetricsResource {

    NODES("NodeMetrics", "nodes", false),
    PODS("PodMetrics", "pods", true);

    public static final String GROUP = "metrics.k8s.io";
    public static final String VERSION = "v1beta1";

    private final String kind;
    private final String plural;
    private final boolean namespaced;

    MetricsResource(String kind, String plural, boolean namespaced) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public static Optional<MetricsResource> find(String group, String version, String plural) {
        return Arrays.stream(values())
                .filter(r -> GROUP.equals(group) && VERSION.equals(version) && r.plural.equals(plural))
                .findFirst();
    }

    public static List<MetricsResource> inGroupVersion(String group, String version) {
        return GROUP.equals(group) && VERSION.equals(version) ? List.of(values()) : List.of();
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }
}
