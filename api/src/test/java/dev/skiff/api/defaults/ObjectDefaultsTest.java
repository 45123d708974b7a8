package dev.skiff.api.defaults;

import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Services, namespaces, secrets, endpoints and nodes. */
class ObjectDefaultsTest {

    private static Service service(String spec) {
        try {
            Service service = Json.YAML.readValue("metadata: {name: web}\nspec:\n" + spec.indent(2), Service.class);
            ServiceDefaults.apply(service);
            return service;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void serviceDefaults() {
        ServiceSpec spec = service("ports: [{port: 80}, {port: 443, targetPort: https}]").getSpec();
        assertThat(spec.getType()).isEqualTo("ClusterIP");
        assertThat(spec.getSessionAffinity()).isEqualTo("None");
        assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getExternalTrafficPolicy()).isNull();
        assertThat(spec.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(spec.getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(80));
        assertThat(spec.getPorts().get(1).getTargetPort()).isEqualTo(new IntOrString("https"));
    }

    @Test
    void externallyAccessibleServices() {
        ServiceSpec spec = service("type: LoadBalancer\nports: [{port: 80}]").getSpec();
        assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getAllocateLoadBalancerNodePorts()).isTrue();
        assertThat(service("type: ExternalName\nexternalName: db.example.com").getSpec().getInternalTrafficPolicy()).isNull();
    }

    @Test
    void clientIpAffinityLastsThreeHours() {
        ServiceSpec spec = service("sessionAffinity: ClientIP\nports: [{port: 80}]").getSpec();
        assertThat(spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
    }

    @Test
    void clusterIpAndClusterIpsAgree() {
        assertThat(service("clusterIP: 10.96.0.10").getSpec().getClusterIPs()).containsExactly("10.96.0.10");
        assertThat(service("clusterIPs: [10.96.0.11]").getSpec().getClusterIP()).isEqualTo("10.96.0.11");
    }

    @Test
    void namespacesAreActiveWithTheKubernetesFinalizer() {
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
        NamespaceDefaults.apply(namespace);
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
        assertThat(namespace.getSpec().getFinalizers()).containsExactly("kubernetes");
        NamespaceDefaults.apply(namespace);
        assertThat(namespace.getSpec().getFinalizers()).containsExactly("kubernetes");
    }

    @Test
    void aNamespaceBeingDeletedDoesNotGetItsFinalizerBack() {
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName("team-a")
                .withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata()
                .withNewStatus().withPhase("Terminating").endStatus().build();
        NamespaceDefaults.apply(namespace);
        assertThat(namespace.getSpec().getFinalizers()).isEmpty();
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Terminating");
    }

    @Test
    void secretsAreOpaqueAndStringDataIsMerged() {
        Secret secret = new SecretBuilder().withData(Map.of("a", "b2xk", "b", "b2xk")).withStringData(Map.of("b",
                "new")).build();
        SecretDefaults.apply(secret);
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).isEqualTo(Map.of("a", "b2xk", "b", "bmV3"));
        assertThat(secret.getStringData()).isNullOrEmpty();
        Secret typed = new SecretBuilder().withType("kubernetes.io/tls").build();
        SecretDefaults.apply(typed);
        assertThat(typed.getType()).isEqualTo("kubernetes.io/tls");
    }

    @Test
    void endpointPortsAreTcp() {
        Endpoints endpoints = new EndpointsBuilder().addNewSubset().addNewPort().withPort(80).endPort().endSubset().build();
        EndpointsDefaults.apply(endpoints);
        assertThat(endpoints.getSubsets().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @Test
    void nodesCanAllocateTheirCapacity() {
        Node node = new NodeBuilder().withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("4"))).endStatus().build();
        NodeDefaults.apply(node);
        assertThat(node.getStatus().getAllocatable()).isEqualTo(Map.of("cpu", new Quantity("4")));
        assertThat(node.getSpec()).isNotNull();
        Node reported = new NodeBuilder().withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("4"))).withAllocatable(Map.of("cpu",
                        new Quantity("3"))).endStatus().build();
        NodeDefaults.apply(reported);
        assertThat(reported.getStatus().getAllocatable()).isEqualTo(Map.of("cpu", new Quantity("3")));
    }
}
