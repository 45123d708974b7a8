package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.skiff.informer.Pods.newPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fabric8's client against a real api-server: the writes the components make. */
@Timeout(120)
class ApiClientTest {

    private static final String NS = "api-client";
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = ApiClient.connect(SharedApiServer.url(), "skiff-test");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void usesTheJdkHttpClient() {
        assertThat(client.getHttpClient()).isInstanceOf(JdkHttpClientImpl.class);
        assertThat(client.getConfiguration().isOnlyHttpWatches()).isTrue();
        assertThat(client.getConfiguration().isHttp2Disable()).isTrue();
    }

    @Test
    void createsReadsUpdatesPatchesAndDeletes() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").addToLabels("app", "web").endMetadata()
                .addToData("mode", "one").build()).create();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();
        assertThat(created.getMetadata().getManagedFields()).as("the component's name is its field manager")
                .extracting(ManagedFieldsEntry::getManager).containsExactly("skiff-test");

        ConfigMap updated = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(created)
                .addToData("mode", "two").build()).update();
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        ConfigMap patched = client.configMaps().inNamespace(NS).withName("settings")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"extra\":\"yes\"}}");
        assertThat(patched.getData()).containsEntry("mode", "two").containsEntry("extra", "yes");
        assertThat(client.configMaps().inNamespace(NS).withLabel("app", "web").list().getItems()).hasSize(1);

        assertThat(client.configMaps().inNamespace(NS).withName("settings").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNull();
    }

    @Test
    void serverSideApplyCreatesMergesAndConflicts() {
        ConfigMap applied = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("applied").endMetadata().addToData("mode", "one").build())
                .fieldManager("deployer").serverSideApply();
        assertThat(applied.getData()).containsEntry("mode", "one");

        ConfigMap other = new ConfigMapBuilder().withNewMetadata().withName("applied").endMetadata().addToData("mode", "two").build();
        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(other).fieldManager("operator").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict with \"deployer\"", ".data.mode");
                });
        assertThat(client.configMaps().inNamespace(NS).resource(other).fieldManager("operator").forceConflicts().serverSideApply()
                .getData()).containsEntry("mode", "two");
    }

    @Test
    void aWriteFromAStaleResourceVersionIsAConflict() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("contended").endMetadata().addToData("n", "0").build()).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(created).addToData("n", "1").build()).update();

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(created)
                .addToData("n", "2").build()).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    /**
     * The scheduler's write. fabric8's {@code bindings()} posts to the namespace's {@code bindings}
     * collection, which the api-server does not serve (404); the pod's {@code binding} subresource,
     * which client-go's {@code Bind} uses, it does.
     */
    @Test
    void bindsAPodToANodeThroughItsBindingSubresource() throws Exception {
        Pod pending = client.pods().inNamespace(NS).resource(newPod(NS, "to-bind", null)).create();
        Binding binding = new BindingBuilder()
                .withNewMetadata().withName("to-bind").endMetadata()
                .withNewTarget().withKind("Node").withName("node-1").endTarget()
                .build();

        client.raw(SharedApiServer.url() + "/api/v1/namespaces/" + NS + "/pods/to-bind/binding", "POST", binding);

        assertThat(pending.getSpec().getNodeName()).isNull();
        assertThat(client.pods().inNamespace(NS).withName("to-bind").get().getSpec().getNodeName()).isEqualTo("node-1");
    }
}
