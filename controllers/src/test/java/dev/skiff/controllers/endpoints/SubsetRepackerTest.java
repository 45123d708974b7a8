package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.controllers.endpoints.EndpointsFixtures.ips;
import static org.assertj.core.api.Assertions.assertThat;

class SubsetRepackerTest {

    private static EndpointAddress address(String ip, String uid) {
        return new EndpointAddressBuilder().withIp(ip).withNewTargetRef().withKind("Pod").withUid(uid).endTargetRef().build();
    }

    private static EndpointPort port(String name, int number) {
        return new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP").build();
    }

    private static EndpointSubset ready(EndpointAddress address, EndpointPort... ports) {
        return new EndpointSubsetBuilder().withAddresses(address).withPorts(ports).build();
    }

    private static EndpointSubset notReady(EndpointAddress address, EndpointPort... ports) {
        return new EndpointSubsetBuilder().withNotReadyAddresses(address).withPorts(ports).build();
    }

    @Test
    void addressesOfferingTheSamePortsEndUpInOneSubset() {
        List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
                ready(address("10.0.0.2", "b"), port("http", 80)),
                ready(address("10.0.0.1", "a"), port("http", 80)),
                ready(address("10.0.0.2", "b"), port("https", 443)),
                ready(address("10.0.0.1", "a"), port("https", 443))));

        assertThat(packed).hasSize(1);
        assertThat(ips(packed.get(0).getAddresses())).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(packed.get(0).getPorts()).extracting(EndpointPort::getName).containsExactly("http", "https");
    }

    @Test
    void differentPortSetsMakeDifferentSubsets() {
        List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
                ready(address("10.0.0.1", "a"), port("http", 8080)),
                ready(address("10.0.0.2", "b"), port("http", 8081)),
                ready(address("10.0.0.1", "a"), port("metrics", 9100)),
                ready(address("10.0.0.2", "b"), port("metrics", 9100))));

        assertThat(packed).hasSize(3);
        assertThat(packed).anySatisfy(s -> {
            assertThat(ips(s.getAddresses())).containsExactly("10.0.0.1", "10.0.0.2");
            assertThat(s.getPorts()).extracting(EndpointPort::getPort).containsExactly(9100);
        });
        assertThat(packed).anySatisfy(s -> {
            assertThat(ips(s.getAddresses())).containsExactly("10.0.0.1");
            assertThat(s.getPorts()).extracting(EndpointPort::getPort).containsExactly(8080);
        });
    }

    @Test
    void notReadyWinsOverReadyForTheSameAddressAndPort() {
        List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
                ready(address("10.0.0.1", "a"), port("http", 80)),
                notReady(address("10.0.0.1", "a"), port("http", 80)),
                ready(address("10.0.0.1", "a"), port("http", 80))));

        assertThat(packed).hasSize(1);
        assertThat(packed.get(0).getAddresses()).isNull();
        assertThat(ips(packed.get(0).getNotReadyAddresses())).containsExactly("10.0.0.1");
    }

    @Test
    void theSameIpOfTwoPodsIsTwoAddresses() {
        List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
                ready(address("10.0.0.1", "old"), port("http", 80)),
                ready(address("10.0.0.1", "new"), port("http", 80))));

        assertThat(packed.get(0).getAddresses()).extracting(a -> a.getTargetRef().getUid()).containsExactly("new", "old");
    }

    @Test
    void addressesWithoutPortsAreKept() {
        List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
                new EndpointSubsetBuilder().withAddresses(address("10.0.0.1", "a")).build(),
                new EndpointSubsetBuilder().withNotReadyAddresses(address("10.0.0.2", "b")).build()));

        assertThat(packed).hasSize(1);
        assertThat(ips(packed.get(0).getAddresses())).containsExactly("10.0.0.1");
        assertThat(ips(packed.get(0).getNotReadyAddresses())).containsExactly("10.0.0.2");
        assertThat(packed.get(0).getPorts()).isNull();
    }

    @Test
    void nothingPacksToNothing() {
        assertThat(SubsetRepacker.repack(List.of())).isEmpty();
    }
}
