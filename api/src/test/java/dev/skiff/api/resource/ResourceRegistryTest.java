package dev.skiff.api.resource;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceRegistryTest {

    private final ResourceRegistry registry = ResourceRegistry.builtIn();

    @Test
    void servesTheBuiltInResources() {
        assertThat(registry.all()).extracting(ResourceType::qualifiedName).containsExactly("namespaces", "pods",
                "nodes",
                "events", "configmaps", "secrets", "serviceaccounts", "services", "endpoints", "replicasets.apps", "deployments.apps",
                "daemonsets.apps", "controllerrevisions.apps", "jobs.batch", "cronjobs.batch",
                "leases.coordination.k8s.io");
    }

    @Test
    void findsByGroupVersionAndPlural() {
        ResourceType pods = registry.find("", "v1", "pods").orElseThrow();
        assertThat(pods.kind()).isEqualTo("Pod");
        assertThat(pods.singular()).isEqualTo("pod");
        assertThat(pods.shortNames()).containsExactly("po");
        assertThat(pods.namespaced()).isTrue();
        assertThat(pods.subresources()).isEqualTo(Set.of("status", "binding", "log", "exec", "attach", "portforward"));
        assertThat(pods.categories()).containsExactly("all");
        assertThat(pods.type()).isEqualTo(Pod.class);
        assertThat(pods.strategy()).isInstanceOf(PodStrategy.class);
        assertThat(registry.find("apps", "v1", "deployments").orElseThrow().type()).isEqualTo(Deployment.class);
        assertThat(registry.find("", "v1", "deployments")).isEmpty();
        assertThat(registry.find("apps", "v1beta1", "deployments")).isEmpty();
    }

    @Test
    void findsByKind() {
        assertThat(registry.findByKind("coordination.k8s.io", "Lease").orElseThrow().type()).isEqualTo(Lease.class);
        assertThat(registry.findByKind("", "Lease")).isEmpty();
        assertThat(registry.findByKind("", "Namespace").orElseThrow().namespaced()).isFalse();
    }

    @Test
    void describesResourcesAsKubernetesDoes() {
        assertThat(registry.find("", "v1", "namespaces").orElseThrow().shortNames()).containsExactly("ns");
        assertThat(registry.find("", "v1", "nodes").orElseThrow().namespaced()).isFalse();
        assertThat(registry.find("", "v1", "services").orElseThrow().categories()).containsExactly("all");
        assertThat(registry.find("", "v1", "endpoints").orElseThrow().singular()).isEqualTo("endpoints");
        assertThat(registry.find("", "v1", "secrets").orElseThrow().shortNames()).isEmpty();
        ResourceType replicaSets = registry.find("apps", "v1", "replicasets").orElseThrow();
        assertThat(replicaSets.shortNames()).containsExactly("rs");
        assertThat(replicaSets.subresources()).isEqualTo(Set.of("status", "scale"));
        assertThat(registry.find("apps", "v1", "deployments").orElseThrow().shortNames()).containsExactly("deploy");
        for (ResourceType type : registry.all()) {
            assertThat(type.type().getSimpleName()).isEqualTo(type.kind());
            assertThat(type.strategy().hasStatus()).as(type.plural()).isEqualTo(type.hasSubresource("status"));
        }
    }

    @Test
    void listsGroupsAndGroupVersions() {
        assertThat(registry.groups()).containsExactly("apps", "batch", "coordination.k8s.io");
        assertThat(registry.inGroupVersion("apps", "v1")).extracting(ResourceType::plural)
                .containsExactly("replicasets", "deployments", "daemonsets", "controllerrevisions");
        assertThat(registry.inGroupVersion("", "v1")).hasSize(9);
        assertThat(registry.inGroupVersion("apps", "v2")).isEmpty();
    }

    @Test
    void rejectsAResourceRegisteredTwice() {
        ResourceType pods = registry.find("", "v1", "pods").orElseThrow();
        assertThatThrownBy(() -> new ResourceRegistry(List.of(pods, pods))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource registered twice: pods");
    }
}
