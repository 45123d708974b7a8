package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.skiff.controllers.endpoints.EndpointsFixtures.ips;
import static dev.skiff.controllers.endpoints.EndpointsFixtures.pod;
import static dev.skiff.controllers.endpoints.EndpointsFixtures.port;
import static dev.skiff.controllers.endpoints.EndpointsFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class DesiredEndpointsTest {

    @Test
    void readyAndNotReadyPodsShareOneSubset() {
        Service web = service("web", port("http", 80, new IntOrString(8080)));
        DesiredEndpoints desired = DesiredEndpoints.of(web, List.of(
                pod("b", "web", "10.0.0.2", true, Map.of()),
                pod("a", "web", "10.0.0.1", true, Map.of()),
                pod("c", "web", "10.0.0.3", false, Map.of())));

        assertThat(desired.subsets()).hasSize(1);
        EndpointSubset subset = desired.subsets().get(0);
        assertThat(ips(subset.getAddresses())).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(ips(subset.getNotReadyAddresses())).containsExactly("10.0.0.3");
        assertThat(subset.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort, EndpointPort::getProtocol)
                .containsExactly(Tuple.tuple("http", 8080, "TCP"));
        var ref = subset.getAddresses().get(0).getTargetRef();
        assertThat(List.of(ref.getKind(), ref.getNamespace(), ref.getName(), ref.getUid()))
                .containsExactly("Pod", "shop", "a", "uid-a");
        assertThat(subset.getAddresses().get(0).getNodeName()).isEqualTo("node-1");
        assertThat(desired.labels()).isEqualTo(Map.of("team", "web"));
    }

    @Test
    void namedTargetPortsResolvePerPodAndGroupPodsByTheirPorts() {
        Service web = service("web", port("http", 80, new IntOrString("web")), port("metrics", 9090, new IntOrString(9100)));
        DesiredEndpoints desired = DesiredEndpoints.of(web, List.of(
                pod("old", "web", "10.0.0.1", true, Map.of("web", 8080)),
                pod("new", "web", "10.0.0.2", true, Map.of("web", 8081)),
                pod("bare", "web", "10.0.0.3", true, Map.of())));

        // one subset per set of addresses offering a port: "bare" lacks the named port, so it only offers 9100
        assertThat(desired.subsets()).hasSize(3);
        assertThat(desired.subsets()).anySatisfy(s -> {
            assertThat(ips(s.getAddresses())).containsExactly("10.0.0.1");
            assertThat(s.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort)
                    .containsExactly(Tuple.tuple("http", 8080));
        });
        assertThat(desired.subsets()).anySatisfy(s -> {
            assertThat(ips(s.getAddresses())).containsExactly("10.0.0.2");
            assertThat(s.getPorts()).extracting(EndpointPort::getPort).containsExactly(8081);
        });
        assertThat(desired.subsets()).anySatisfy(s -> {
            assertThat(ips(s.getAddresses())).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
            assertThat(s.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort)
                    .containsExactly(Tuple.tuple("metrics", 9100));
        });
    }

    @Test
    void podsWithoutIpTerminatingOrFinishedAreLeftOut() {
        Service web = service("web", port("http", 80, new IntOrString(80)));
        Pod noIp = new PodBuilder(pod("no-ip", "web", null, true, Map.of())).build();
        Pod terminating = new PodBuilder(pod("terminating", "web", "10.0.0.2", true, Map.of()))
                .editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        Pod succeeded = new PodBuilder(pod("done", "web", "10.0.0.3", false, Map.of())).editStatus().withPhase("Succeeded").endStatus().build();
        Pod failed = new PodBuilder(pod("failed", "web", "10.0.0.4", false, Map.of())).editStatus().withPhase("Failed").endStatus().build();

        assertThat(DesiredEndpoints.of(web, List.of(noIp, terminating, succeeded, failed)).subsets()).isEmpty();
    }

    @Test
    void publishNotReadyAddressesListsEveryPodAsReadyIncludingTerminatingOnes() {
        Service web = new ServiceBuilder(service("web", port("http", 80, new IntOrString(80))))
                .editSpec().withPublishNotReadyAddresses(true).endSpec().build();
        Pod terminating = new PodBuilder(pod("terminating", "web", "10.0.0.2", false, Map.of()))
                .editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();

        List<EndpointSubset> subsets = DesiredEndpoints.of(web, List.of(pod("starting", "web", "10.0.0.1", false, Map.of()), terminating))
                .subsets();

        assertThat(subsets).hasSize(1);
        assertThat(ips(subsets.get(0).getAddresses())).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(subsets.get(0).getNotReadyAddresses()).isNull();
    }

    @Test
    void headlessServiceWithoutPortsListsAddressesWithoutPortsAndIsLabelled() {
        Service headless = new ServiceBuilder(service("db")).editSpec().withClusterIP("None").endSpec().build();
        Service plain = service("db");
        List<Pod> pods = List.of(pod("db-0", "db", "10.0.0.1", true, Map.of()));

        DesiredEndpoints desired = DesiredEndpoints.of(headless, pods);

        assertThat(desired.subsets()).hasSize(1);
        assertThat(ips(desired.subsets().get(0).getAddresses())).containsExactly("10.0.0.1");
        assertThat(desired.subsets().get(0).getPorts()).isNull();
        assertThat(desired.labels()).containsEntry(DesiredEndpoints.HEADLESS_LABEL, "");
        assertThat(DesiredEndpoints.of(plain, pods).subsets()).isEmpty();
    }

    @Test
    void hostnameIsSetWhenThePodsSubdomainIsTheService() {
        Service db = service("db", port("sql", 5432, new IntOrString(5432)));
        Pod member = new PodBuilder(pod("db-0", "db", "10.0.0.1", true, Map.of()))
                .editSpec().withHostname("db-0").withSubdomain("db").endSpec().build();
        Pod other = new PodBuilder(pod("db-1", "db", "10.0.0.2", true, Map.of()))
                .editSpec().withHostname("db-1").withSubdomain("elsewhere").endSpec().build();

        var addresses = DesiredEndpoints.of(db, List.of(member, other)).subsets().get(0).getAddresses();

        assertThat(addresses).extracting(a -> a.getHostname()).containsExactly("db-0", null);
    }
}
