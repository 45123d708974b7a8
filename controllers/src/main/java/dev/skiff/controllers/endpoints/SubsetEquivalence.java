package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.ObjectReference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether two Endpoints' contents are the same regardless of order, as Kubernetes'
 * {@code EndpointSubsetsEqualIgnoreResourceVersion} after repacking: subsets compared as sets of
 * (ready addresses, not-ready addresses, ports), addresses without their target's resourceVersion,
 * an absent protocol as TCP.
 */
final class SubsetEquivalence {

    private SubsetEquivalence() {
    }

    static boolean same(List<EndpointSubset> stored, List<EndpointSubset> desired) {
        return canonical(stored).equals(canonical(desired));
    }

    /** True if the labels are equal, an absent map being an empty one. */
    static boolean sameLabels(Map<String, String> stored, Map<String, String> desired) {
        return Objects.requireNonNullElse(stored, Map.of()).equals(Objects.requireNonNullElse(desired, Map.of()));
    }

    private static Set<Subset> canonical(List<EndpointSubset> subsets) {
        if (subsets == null) {
            return Set.of();
        }
        return SubsetRepacker.repack(subsets).stream()
                .map(s -> new Subset(addresses(s.getAddresses()), addresses(s.getNotReadyAddresses()), ports(s.getPorts())))
                .collect(Collectors.toSet());
    }

    private static Set<Address> addresses(List<EndpointAddress> addresses) {
        return addresses == null ? Set.of() : addresses.stream().map(Address::of).collect(Collectors.toSet());
    }

    private static Set<Port> ports(List<EndpointPort> ports) {
        return ports == null ? Set.of() : ports.stream().map(Port::of).collect(Collectors.toSet());
    }

    private record Subset(Set<Address> ready, Set<Address> notReady, Set<Port> ports) {
    }

    private record Address(String ip, String hostname, String nodeName, String kind, String namespace, String name, String uid) {
        static Address of(EndpointAddress a) {
            ObjectReference ref = a.getTargetRef();
            return new Address(a.getIp(), blankToNull(a.getHostname()), blankToNull(a.getNodeName()),
                    ref == null ? null : ref.getKind(), ref == null ? null : ref.getNamespace(),
                    ref == null ? null : ref.getName(), ref == null ? null : ref.getUid());
        }
    }

    private record Port(String name, Integer port, String protocol, String appProtocol) {
        static Port of(EndpointPort p) {
            return new Port(blankToNull(p.getName()), p.getPort(),
                    p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol(), blankToNull(p.getAppProtocol()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
