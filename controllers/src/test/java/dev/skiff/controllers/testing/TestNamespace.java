package dev.skiff.controllers.testing;

import dev.skiff.informer.ApiClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A namespace of a test class's own, emptied after each test: Deployments first, then
 * ReplicaSets, then pods (there is no garbage collector in these tests), waiting until all are gone.
 */
public final class TestNamespace {

    private final KubernetesClient client;
    private final String name;

    public TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
        ensure(client, name);
    }

    /** Creates the namespace unless it exists (a test class reuses it across its tests). */
    public static void ensure(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    /** Deletes the namespace (the namespace controller, where it runs, removes its content), e.g. after a test class. */
    public static void delete(String name) {
        try (KubernetesClient client = ApiClient.connect(ConfigProvider.getConfig().getValue("skiff.controllers.api-server", String.class))) {
            client.namespaces().withName(name).delete();
        }
    }

    public String name() {
        return name;
    }

    /** Deletes every Deployment, ReplicaSet and pod of the namespace and waits until they are gone. */
    public void clear() {
        client.apps().deployments().inNamespace(name).withGracePeriod(0).delete();
        client.apps().replicaSets().inNamespace(name).withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            client.pods().inNamespace(name).withGracePeriod(0).delete();
            if (!client.apps().deployments().inNamespace(name).list().getItems().isEmpty()
                    || !client.apps().replicaSets().inNamespace(name).list().getItems().isEmpty()
                    || !client.pods().inNamespace(name).list().getItems().isEmpty()) {
                throw new AssertionError("namespace " + name + " still has workloads");
            }
        });
    }
}
