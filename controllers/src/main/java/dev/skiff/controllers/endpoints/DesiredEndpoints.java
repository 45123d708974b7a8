package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a service's Endpoints object should hold, as Kubernetes' endpoints controller computes it:
 * the service's labels, and one address per selected pod that belongs in endpoints (ready pods,
 * or every pod with {@code publishNotReadyAddresses}, under {@code addresses}; the others under
 * {@code notReadyAddresses}) for each service port the pod offers, repacked into subsets.
 *
 * @param labels  the Endpoints' labels
 * @param subsets the Endpoints' subsets, repacked and sorted
 */
record DesiredEndpoints(Map<String, String> labels, List<EndpointSubset> subsets) {

    /** The label Kubernetes puts on the Endpoints of a headless service. */
    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    /**
     * The endpoints of the service over the pods it selects (the caller matched the selector).
     * Skiff allocates no cluster IPs, so only a service that asks for none ({@code clusterIP:
     * None}) counts as headless: it gets the headless label and, without ports, port-less addresses.
     */
    static DesiredEndpoints of(Service service, Collection<Pod> pods) {
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        List<EndpointSubset> subsets = new ArrayList<>();
        for (Pod pod : pods) {
            if (!PodEligibility.belongsInEndpoints(pod, publishNotReady)) {
                continue;
            }
            EndpointAddress address = address(service, pod);
            boolean ready = publishNotReady || PodEligibility.isReady(pod);
            if (servicePorts.isEmpty()) {
                if (headless) {
                    subsets.add(subset(address, ready, null));
                }
                continue;
            }
            for (ServicePort servicePort : servicePorts) {
                OptionalInt port = TargetPorts.resolve(pod, servicePort);
                if (port.isEmpty()) {
                    continue;
                }
                subsets.add(subset(address, ready, new EndpointPortBuilder()
                        .withName(servicePort.getName())
                        .withPort(port.getAsInt())
                        .withProtocol(servicePort.getProtocol())
                        .withAppProtocol(servicePort.getAppProtocol())
                        .build()));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        if (headless) {
            labels.put(HEADLESS_LABEL, "");
        }
        return new DesiredEndpoints(Map.copyOf(labels), SubsetRepacker.repack(subsets));
    }

    private static EndpointAddress address(Service service, Pod pod) {
        String hostname = pod.getSpec() == null ? null : pod.getSpec().getHostname();
        boolean namedHost = hostname != null && !hostname.isEmpty()
                && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())
                && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace());
        return new EndpointAddressBuilder()
                .withIp(pod.getStatus().getPodIP())
                .withHostname(namedHost ? hostname : null)
                .withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .withNewTargetRef()
                    .withKind("Pod")
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                .endTargetRef()
                .build();
    }

    private static EndpointSubset subset(EndpointAddress address, boolean ready, EndpointPort port) {
        EndpointSubsetBuilder subset = new EndpointSubsetBuilder();
        if (ready) {
            subset.withAddresses(address);
        } else {
            subset.withNotReadyAddresses(address);
        }
        if (port != null) {
            subset.withPorts(port);
        }
        return subset.build();
    }
}
