package dev.skiff.controllers.testing;

import dev.skiff.informer.ApiClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A namespace of a test class's own and a client of the test's api-server
 * ({@code skiff.controllers.api-server}), emptied when the test closes it: CronJobs, Jobs,
 * Deployments and ReplicaSets, then pods (there is no garbage collector in these tests), waiting
 * until all are gone.
 */
public final class TestNamespace implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final KubernetesClient client;
    private final String name;

    private TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
        ensure(client, name);
    }

    /** Connects to the api-server and makes sure the namespace NAME exists (a test class reuses it across its tests). */
    public static TestNamespace open(String name) {
        return new TestNamespace(ApiClient.connect(apiServer(), "skiff-test"), name);
    }

    /** Creates the namespace unless it exists. */
    public static void ensure(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    /** Deletes the namespace (the namespace controller, where it runs, removes its content), e.g. after a test class. */
    public static void delete(String name) {
        try (KubernetesClient client = ApiClient.connect(apiServer(), "skiff-test")) {
            client.namespaces().withName(name).delete();
        }
    }

    private static String apiServer() {
        return ConfigProvider.getConfig().getValue("skiff.controllers.api-server", String.class);
    }

    public KubernetesClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /**
     * Deletes every CronJob, Job, Deployment, ReplicaSet, DaemonSet (and its revisions) and pod of the namespace and waits until
     * they are gone (the job controller releases the pods of deleted jobs), then closes the client.
     */
    @Override
    public void close() {
        client.batch().v1().cronjobs().inNamespace(name).delete();
        client.batch().v1().jobs().inNamespace(name).delete();
        client.apps().deployments().inNamespace(name).withGracePeriod(0).delete();
        client.apps().replicaSets().inNamespace(name).withGracePeriod(0).delete();
        client.apps().daemonSets().inNamespace(name).withGracePeriod(0).delete();
        client.apps().controllerRevisions().inNamespace(name).delete();
        await().atMost(DEADLINE).untilAsserted(() -> {
            client.pods().inNamespace(name).withGracePeriod(0).delete();
            if (!client.batch().v1().cronjobs().inNamespace(name).list().getItems().isEmpty()
                    || !client.batch().v1().jobs().inNamespace(name).list().getItems().isEmpty()
                    || !client.apps().deployments().inNamespace(name).list().getItems().isEmpty()
                    || !client.apps().replicaSets().inNamespace(name).list().getItems().isEmpty()
                    || !client.apps().daemonSets().inNamespace(name).list().getItems().isEmpty()
                    || !client.pods().inNamespace(name).list().getItems().isEmpty()) {
                throw new AssertionError("namespace " + name + " still has workloads");
            }
        });
        client.close();
    }
}
