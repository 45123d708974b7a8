package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;

/**
 * A pod's defaults: those of every pod spec, plus what Kubernetes sets only on pods (not templates) through
 * defaulting and its standard admission plugins: service links, requests from limits, host-network ports,
 * priority, service account, and the initial status (phase Pending, QoS class).
 */
public final class PodDefaults {

    /** Priorities of Kubernetes' built-in priority classes; any other class (or none) gives 0. */
    private static final Map<String, Integer> BUILT_IN_PRIORITIES =
            Map.of("system-cluster-critical", 2000000000, "system-node-critical", 2000001000);

    private PodDefaults() {
    }

    public static void apply(Pod pod) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        PodSpecDefaults.apply(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        allContainers(spec).forEach(PodDefaults::requestLimits);
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            allContainers(spec).flatMap(container -> list(container.getPorts()).stream())
                    .forEach(PodDefaults::hostPortIsContainerPort);
        }
        if (spec.getPriority() == null) {
            String priorityClass = spec.getPriorityClassName() == null ? "" : spec.getPriorityClassName();
            spec.setPriority(BUILT_IN_PRIORITIES.getOrDefault(priorityClass, 0));
        }
        if (isEmpty(spec.getPreemptionPolicy())) {
            spec.setPreemptionPolicy("PreemptLowerPriority");
        }
        if (isEmpty(spec.getServiceAccountName())) {
            spec.setServiceAccountName(isEmpty(spec.getServiceAccount()) ? "default" : spec.getServiceAccount());
        }
        // The deprecated field mirrors the current one, as the v1 API shows it.
        spec.setServiceAccount(spec.getServiceAccountName());
        if (pod.getStatus() == null) {
            pod.setStatus(new PodStatus());
        }
        if (isEmpty(pod.getStatus().getPhase())) {
            pod.getStatus().setPhase("Pending");
        }
        if (isEmpty(pod.getStatus().getQosClass())) {
            pod.getStatus().setQosClass(qosClass(spec));
        }
    }

    private static Stream<Container> allContainers(PodSpec spec) {
        return Stream.concat(list(spec.getInitContainers()).stream(), list(spec.getContainers()).stream());
    }

    /** A limit without a request requests the limit. */
    private static void requestLimits(Container container) {
        ResourceRequirements resources = container.getResources();
        if (resources == null || resources.getLimits() == null || resources.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests = resources.getRequests() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(resources.getRequests());
        resources.getLimits().forEach(requests::putIfAbsent);
        resources.setRequests(requests);
    }

    private static void hostPortIsContainerPort(ContainerPort port) {
        if (port.getHostPort() == null || port.getHostPort() == 0) {
            port.setHostPort(port.getContainerPort());
        }
    }

    /**
     * Kubernetes' QoS class from cpu and memory: BestEffort with no requests or limits at all, Guaranteed when
     * every container limits both and requests exactly its limits, Burstable otherwise.
     */
    private static String qosClass(PodSpec spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (Container container : allContainers(spec).toList()) {
            ResourceRequirements resources = container.getResources() == null ? new ResourceRequirements()
                    : container.getResources();
            addComputeResources(resources.getRequests(), requests);
            Map<String, BigDecimal> containerLimits = new HashMap<>();
            addComputeResources(resources.getLimits(), containerLimits);
            containerLimits.forEach((name, amount) -> limits.merge(name, amount, BigDecimal::add));
            if (!containerLimits.keySet().containsAll(List.of("cpu", "memory"))) {
                guaranteed = false;
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        boolean requestsEqualLimits = requests.size() == limits.size() && requests.entrySet().stream()
                .allMatch(e -> limits.containsKey(e.getKey()) && limits.get(e.getKey()).compareTo(e.getValue()) == 0);
        return guaranteed && requestsEqualLimits ? "Guaranteed" : "Burstable";
    }

    /** Adds the non-zero cpu and memory amounts of {@code resources} to {@code totals}. */
    private static void addComputeResources(Map<String, Quantity> resources, Map<String, BigDecimal> totals) {
        if (resources == null) {
            return;
        }
        for (String name : List.of("cpu", "memory")) {
            Quantity quantity = resources.get(name);
            BigDecimal amount = amount(quantity);
            if (amount != null && amount.signum() != 0) {
                totals.merge(name, amount, BigDecimal::add);
            }
        }
    }

    /** The quantity's value; null when absent or malformed (validation reports that). */
    private static BigDecimal amount(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return quantity.getNumericalAmount();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
