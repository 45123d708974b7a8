package dev.skiff.controllers.deployment;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakePodStarter;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.testing.Kubectl;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a user does with the real kubectl to a Deployment, end to end through the api-server and the controllers. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(180)
class DeploymentKubectlTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;
    private TestNamespace namespace;
    private Kubectl kubectl;

    @BeforeEach
    void connect() throws IOException {
        namespace = TestNamespace.open("deployment-kubectl-test");
        client = namespace.client();
        kubectl = Kubectl.forServer(apiServer);
    }

    @AfterEach
    void clean() throws IOException {
        kubectl.close();
        namespace.close();
    }

    private Kubectl.Result ok(String... args) throws IOException, InterruptedException {
        Kubectl.Result result = inNamespace(args);
        assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    /** Runs {@code kubectl -n <the test's namespace> ARGS}. */
    private Kubectl.Result inNamespace(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("-n", namespace.name()));
        all.addAll(List.of(args));
        return kubectl.run(all.toArray(String[]::new));
    }

    private Deployment web() {
        return client.apps().deployments().inNamespace(namespace.name()).withName("web").get();
    }

    private List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(namespace.name()).list().getItems();
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void createScaleSetImageHistoryUndoPauseAndResume() throws Exception {
        try (FakePodStarter kubelet = FakePodStarter.start(client, namespace.name())) {
            ok("create", "deployment", "web", "--image=x", "--replicas=3");
            assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").stdout()).contains("deployment \"web\" successfully rolled out");
            assertThat(web().getStatus().getAvailableReplicas()).isEqualTo(3);

            ok("scale", "deployment", "web", "--replicas=5");
            ok("rollout", "status", "deployment/web", "--timeout=60s");
            assertThat(replicaSets()).singleElement().satisfies(rs -> assertThat(rs.getStatus().getReadyReplicas()).isEqualTo(5));

            ok("set", "image", "deployment/web", "x=y");
            assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").stdout()).contains("successfully rolled out");
            assertThat(replicaSets()).hasSize(2);
            assertThat(client.pods().inNamespace(namespace.name()).list().getItems()).hasSize(5)
                    .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("y"));

            String rs = ok("get", "rs").stdout();
            assertThat(rs.lines().findFirst().orElseThrow()).contains("NAME", "DESIRED", "CURRENT", "READY", "AGE");
            assertThat(rs).containsPattern("web-[a-z0-9]+ +5 +5 +5 ").containsPattern("web-[a-z0-9]+ +0 +0 +0 ");

            String history = ok("rollout", "history", "deployment/web").stdout();
            assertThat(history).contains("REVISION").containsPattern("(?m)^1 ").containsPattern("(?m)^2 ");

            ok("rollout", "undo", "deployment/web");
            ok("rollout", "status", "deployment/web", "--timeout=60s");
            assertThat(image(web())).isEqualTo("x");
            assertThat(web().getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "3");
            assertThat(replicaSets()).as("the old replica set is used again").hasSize(2);
            assertThat(ok("rollout", "history", "deployment/web").stdout())
                    .containsPattern("(?m)^2 ").containsPattern("(?m)^3 ").doesNotContainPattern("(?m)^1 ");

            ok("rollout", "pause", "deployment/web");
            ok("set", "image", "deployment/web", "x=z");
            await().atMost(DEADLINE).until(() -> web().getStatus().getObservedGeneration() >= web().getMetadata().getGeneration());
            assertThat(replicaSets()).hasSize(2);
            assertThat(client.pods().inNamespace(namespace.name()).list().getItems())
                    .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("x"));

            ok("rollout", "resume", "deployment/web");
            ok("rollout", "status", "deployment/web", "--timeout=60s");
            assertThat(replicaSets()).hasSize(3);
            assertThat(client.pods().inNamespace(namespace.name()).list().getItems()).hasSize(5)
                    .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("z"));
        }
    }

    @Test
    void rolloutStatusFailsOnceTheProgressDeadlineIsExceeded() throws Exception {
        ok("create", "deployment", "stuck", "--image=x", "--replicas=2");
        ok("patch", "deployment", "stuck", "-p", "{\"spec\":{\"progressDeadlineSeconds\":2}}");

        Kubectl.Result status = inNamespace("rollout", "status", "deployment/stuck", "--timeout=60s");

        assertThat(status.exitCode()).as(status.toString()).isNotZero();
        assertThat(status.stderr()).contains("deployment \"stuck\" exceeded its progress deadline");
    }
}
