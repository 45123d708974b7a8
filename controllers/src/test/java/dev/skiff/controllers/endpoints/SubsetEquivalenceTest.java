package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubsetEquivalenceTest {

    private static EndpointSubset subset(String protocol, String resourceVersion, String... ips) {
        EndpointSubsetBuilder subset = new EndpointSubsetBuilder()
                .addToPorts(new EndpointPortBuilder().withName("http").withPort(80).withProtocol(protocol).build());
        for (String ip : ips) {
            subset.addToAddresses(new EndpointAddressBuilder().withIp(ip)
                    .withNewTargetRef().withKind("Pod").withName("p" + ip).withUid("u" + ip).withResourceVersion(resourceVersion).endTargetRef()
                    .build());
        }
        return subset.build();
    }

    @Test
    void orderResourceVersionsAndTheDefaultProtocolDoNotCount() {
        assertThat(SubsetEquivalence.same(List.of(subset("TCP", "7", "10.0.0.1", "10.0.0.2")),
                List.of(subset(null, null, "10.0.0.2", "10.0.0.1")))).isTrue();
        assertThat(SubsetEquivalence.same(null, List.of())).isTrue();
    }

    @Test
    void aDifferentAddressOrPortCounts() {
        assertThat(SubsetEquivalence.same(List.of(subset("TCP", null, "10.0.0.1")), List.of(subset("TCP", null, "10.0.0.2")))).isFalse();
        assertThat(SubsetEquivalence.same(List.of(subset("TCP", null, "10.0.0.1")), List.of(subset("UDP", null, "10.0.0.1")))).isFalse();
        assertThat(SubsetEquivalence.same(List.of(subset("TCP", null, "10.0.0.1")), List.of())).isFalse();
    }

    @Test
    void absentLabelsAreNoLabels() {
        assertThat(SubsetEquivalence.sameLabels(null, Map.of())).isTrue();
        assertThat(SubsetEquivalence.sameLabels(Map.of("a", "b"), Map.of())).isFalse();
    }
}
