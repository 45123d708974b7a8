package dev.skiff.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakePodStarter;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.testing.Kubectl;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a user does with the real kubectl to a DaemonSet, end to end through the api-server and the controllers. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(180)
class DaemonSetKubectlTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String LABEL = "skiff.dev/daemonset-kubectl-test";

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;
    private TestNamespace namespace;
    private Kubectl kubectl;
    private final List<String> nodes = new ArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        namespace = TestNamespace.open("daemonset-kubectl-test");
        client = namespace.client();
        kubectl = Kubectl.forServer(apiServer);
        for (String suffix : List.of("a", "b")) {
            String name = namespace.name() + "-" + suffix;
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels(LABEL, "yes").endMetadata().build())
                    .create();
            nodes.add(name);
        }
    }

    @AfterEach
    void clean() throws IOException {
        nodes.forEach(node -> client.nodes().withName(node).delete());
        kubectl.close();
        namespace.close();
    }

    private Kubectl.Result ok(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("-n", namespace.name()));
        all.addAll(List.of(args));
        Kubectl.Result result = kubectl.run(all.toArray(String[]::new));
        assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    private List<String> images() {
        return client.pods().inNamespace(namespace.name()).withLabel("app", "agent").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .map(pod -> pod.getSpec().getContainers().get(0).getImage()).toList();
    }

    @Test
    void applyGetRolloutSetImageHistoryUndoRestartAndDelete() throws Exception {
        String manifest = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      nodeSelector: {%s: "yes"}
                      containers: [{name: agent, image: "agent:1"}]
                """.formatted(LABEL);
        try (FakePodStarter kubelet = FakePodStarter.start(client, namespace.name())) {
            List<String> apply = new ArrayList<>(List.of("-n", namespace.name(), "apply", "-f", "-"));
            Kubectl.Result applied = kubectl.runWithStdin(manifest, apply.toArray(String[]::new));
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(applied.stdout()).contains("daemonset.apps/agent created");

            assertThat(ok("rollout", "status", "daemonset/agent", "--timeout=60s").stdout())
                    .contains("daemon set \"agent\" successfully rolled out");
            String table = ok("get", "ds").stdout();
            assertThat(table.lines().findFirst().orElseThrow())
                    .containsPattern("NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE");
            assertThat(table).containsPattern("agent +2 +2 +2 +2 +2 +" + LABEL.replace(".", "\\.") + "=yes ");

            ok("set", "image", "daemonset/agent", "agent=agent:2");
            ok("rollout", "status", "daemonset/agent", "--timeout=60s");
            assertThat(images()).containsExactly("agent:2", "agent:2");
            assertThat(ok("rollout", "history", "daemonset/agent").stdout())
                    .contains("REVISION").containsPattern("(?m)^1 ").containsPattern("(?m)^2 ");
            assertThat(ok("rollout", "history", "daemonset/agent", "--revision=1").stdout()).contains("agent:1");
            assertThat(ok("get", "controllerrevisions").stdout()).containsPattern("agent-\\S+ +daemonset\\.apps/agent +2 ");

            ok("rollout", "undo", "daemonset/agent");
            ok("rollout", "status", "daemonset/agent", "--timeout=60s");
            await().atMost(DEADLINE).until(() -> images().equals(List.of("agent:1", "agent:1")));
            assertThat(ok("rollout", "history", "daemonset/agent").stdout()).as("the first template is the newest revision again")
                    .containsPattern("(?m)^2 ").containsPattern("(?m)^3 ").doesNotContainPattern("(?m)^1 ");

            ok("rollout", "restart", "daemonset/agent");
            ok("rollout", "status", "daemonset/agent", "--timeout=60s");
            assertThat(client.pods().inNamespace(namespace.name()).withLabel("app", "agent").list().getItems())
                    .filteredOn(pod -> pod.getMetadata().getDeletionTimestamp() == null).hasSize(2)
                    .allSatisfy(pod -> assertThat(pod.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt"));

            assertThat(ok("describe", "daemonset", "agent").stdout()).contains("Desired Number of Nodes Scheduled: 2")
                    .contains("SuccessfulCreate");
        }

        ok("delete", "daemonset", "agent");
        await().atMost(DEADLINE).until(() -> images().isEmpty()
                && client.apps().controllerRevisions().inNamespace(namespace.name()).list().getItems().isEmpty());
    }
}
