package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' {@code RepackSubsets}: turns subsets of one address and port each into the fewest
 * subsets, one per set of addresses that offer the same ports. An address (keyed by IP and target
 * UID) that is not ready for one port counts as not ready for that port even if another subset
 * says it is ready. Addresses without any port (a headless service without ports) stay, in a
 * subset without ports. The result is sorted: addresses by IP then UID, ports by name, number and
 * protocol, subsets by their first address.
 */
final class SubsetRepacker {

    /** Stands for "no port" while grouping, as Kubernetes' sentinel port -1. */
    private static final PortKey NO_PORT = new PortKey("", -1, "", "");

    private static final Comparator<EndpointAddress> ADDRESS_ORDER = Comparator
            .comparing((EndpointAddress a) -> Objects.requireNonNullElse(a.getIp(), ""))
            .thenComparing(a -> a.getTargetRef() == null ? "" : Objects.requireNonNullElse(a.getTargetRef().getUid(), ""));
    private static final Comparator<PortKey> PORT_ORDER = Comparator.comparing(PortKey::name)
            .thenComparingInt(PortKey::port).thenComparing(PortKey::protocol).thenComparing(PortKey::appProtocol);

    private SubsetRepacker() {
    }

    static List<EndpointSubset> repack(List<EndpointSubset> subsets) {
        Map<AddressKey, EndpointAddress> addresses = new LinkedHashMap<>();
        Map<PortKey, Map<AddressKey, Boolean>> readinessByPort = new LinkedHashMap<>();
        for (EndpointSubset subset : subsets) {
            List<PortKey> ports = subset.getPorts() == null || subset.getPorts().isEmpty() ? List.of(NO_PORT)
                    : subset.getPorts().stream().map(PortKey::of).toList();
            for (PortKey port : ports) {
                Map<AddressKey, Boolean> readiness = readinessByPort.computeIfAbsent(port, p -> new LinkedHashMap<>());
                add(subset.getAddresses(), true, addresses, readiness);
                add(subset.getNotReadyAddresses(), false, addresses, readiness);
            }
        }
        Map<Map<AddressKey, Boolean>, List<PortKey>> portsByAddresses = new LinkedHashMap<>();
        readinessByPort.forEach((port, readiness) -> {
            List<PortKey> ports = portsByAddresses.computeIfAbsent(readiness, r -> new ArrayList<>());
            if (!port.equals(NO_PORT)) {
                ports.add(port);
            }
        });
        List<EndpointSubset> packed = new ArrayList<>();
        portsByAddresses.forEach((readiness, ports) -> {
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            readiness.forEach((key, isReady) -> (isReady ? ready : notReady).add(addresses.get(key)));
            if (ready.isEmpty() && notReady.isEmpty()) {
                return;
            }
            ready.sort(ADDRESS_ORDER);
            notReady.sort(ADDRESS_ORDER);
            packed.add(new EndpointSubsetBuilder()
                    .withAddresses(ready.isEmpty() ? null : ready)
                    .withNotReadyAddresses(notReady.isEmpty() ? null : notReady)
                    .withPorts(ports.isEmpty() ? null : ports.stream().sorted(PORT_ORDER).map(PortKey::toPort).toList())
                    .build());
        });
        packed.sort(Comparator.comparing(SubsetRepacker::sortKey));
        return packed;
    }

    private static void add(List<EndpointAddress> list, boolean ready, Map<AddressKey, EndpointAddress> addresses,
                            Map<AddressKey, Boolean> readiness) {
        if (list == null) {
            return;
        }
        for (EndpointAddress address : list) {
            AddressKey key = AddressKey.of(address);
            addresses.putIfAbsent(key, address);
            // not ready wins: an address stays ready for a port only while every subset says so
            Boolean was = readiness.get(key);
            if (was == null || was) {
                readiness.put(key, ready);
            }
        }
    }

    private static String sortKey(EndpointSubset subset) {
        List<EndpointAddress> first = subset.getAddresses() != null ? subset.getAddresses() : subset.getNotReadyAddresses();
        EndpointAddress address = first.get(0);
        String ports = subset.getPorts() == null ? "" : subset.getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort() + "/" + p.getProtocol()).reduce("", String::concat);
        return Objects.requireNonNullElse(address.getIp(), "") + "|" + ports;
    }

    /** An address's identity: its IP and the UID of the object it stands for. */
    private record AddressKey(String ip, String uid) {
        static AddressKey of(EndpointAddress address) {
            return new AddressKey(address.getIp(), address.getTargetRef() == null ? null : address.getTargetRef().getUid());
        }
    }

    private record PortKey(String name, int port, String protocol, String appProtocol) {
        static PortKey of(EndpointPort port) {
            return new PortKey(Objects.requireNonNullElse(port.getName(), ""), port.getPort() == null ? 0 : port.getPort(),
                    Objects.requireNonNullElse(port.getProtocol(), ""), Objects.requireNonNullElse(port.getAppProtocol(), ""));
        }

        EndpointPort toPort() {
            return new EndpointPortBuilder().withName(name.isEmpty() ? null : name).withPort(port)
                    .withProtocol(protocol.isEmpty() ? null : protocol).withAppProtocol(appProtocol.isEmpty() ? null : appProtocol)
                    .build();
        }
    }
}
