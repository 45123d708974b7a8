package dev.skiff.controllers;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.ManagerRole;
import dev.skiff.informer.ApiClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The manager in process against a real api-server: it syncs its informers, takes the Lease and reports it. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(60)
class ControllerManagerTest {

    @Inject
    ControllerManager manager;

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    @Test
    void leadsThroughTheLeaseAndReportsReadiness() {
        ManagerRole.awaitLeading(manager);
        try (KubernetesClient client = ApiClient.connect(apiServer, "skiff-test")) {
            Lease lease = client.leases().inNamespace("kube-system").withName("skiff-controller-manager").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(manager.identity());
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.role", equalTo("leader"));
    }
}
