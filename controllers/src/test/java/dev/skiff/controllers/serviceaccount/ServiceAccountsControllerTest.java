package dev.skiff.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.controllers.ControllerManager;
import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.ManagerRole;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.testing.Kubectl;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service account controller against a real api-server: a new namespace gets its
 * {@code default} ServiceAccount, which comes back when deleted, as the real kubectl shows.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class ServiceAccountsControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ControllerManager manager;

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    @Test
    void everyNamespaceHasItsDefaultServiceAccountBackWhenDeleted() throws Exception {
        ManagerRole.awaitLeading(manager);
        try (TestNamespace namespace = TestNamespace.open("sa-team"); Kubectl kubectl = Kubectl.forServer(apiServer)) {
            String ns = namespace.name();
            Supplier<ServiceAccount> defaultAccount = () -> namespace.client().serviceAccounts().inNamespace(ns).withName("default").get();

            await().atMost(WAIT).until(() -> defaultAccount.get() != null);
            String first = defaultAccount.get().getMetadata().getUid();
            assertThat(kubectl.run("-n", ns, "get", "sa").stdout()).containsPattern("NAME\\s+SECRETS\\s+AGE")
                    .containsPattern("default\\s+0\\s+");

            ok(kubectl, "-n", ns, "delete", "sa", "default");

            await("a new default account").atMost(WAIT)
                    .until(() -> defaultAccount.get() != null && !defaultAccount.get().getMetadata().getUid().equals(first));
            ok(kubectl, "-n", ns, "create", "serviceaccount", "builder");
            assertThat(kubectl.run("-n", ns, "get", "serviceaccounts", "-o", "name").stdout().lines())
                    .containsExactlyInAnyOrder("serviceaccount/builder", "serviceaccount/default");
        }
    }

    private static void ok(Kubectl kubectl, String... args) throws Exception {
        Kubectl.Result result = kubectl.run(args);
        assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result).isZero();
    }
}
