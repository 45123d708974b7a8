package dev.skiff.controllers.podgc;

import dev.skiff.controllers.nodelifecycle.Taints;
import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakeKubelet;
import dev.skiff.controllers.testing.NodeFailureProfile;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.informer.ApiClient;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod garbage collector against a real api-server (orphans after 2 s, 3 finished pods kept):
 * it force-deletes pods of vanished nodes, finished pods beyond the threshold, terminating pods
 * that were never scheduled, and terminating pods of an out-of-service node.
 */
@QuarkusTest
@TestProfile(NodeFailureProfile.class)
@QuarkusTestResource(ApiServerResource.class)
@Timeout(60)
class PodGarbageCollectorTest {

    private static final String NS = "pod-gc-test";

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;

    @BeforeEach
    void connect() {
        client = ApiClient.connect(apiServer, "skiff-test");
        TestNamespace.ensure(client, NS);
    }

    @AfterEach
    void cleanUp() {
        for (Pod pod : client.pods().inNamespace(NS).list().getItems()) {
            client.pods().inNamespace(NS).withName(pod.getMetadata().getName())
                    .edit(p -> new PodBuilder(p).editMetadata().withFinalizers(List.of()).endMetadata().build());
        }
        client.pods().inNamespace(NS).withGracePeriod(0).delete();
        client.nodes().withName("out-of-service").delete();
        client.close();
    }

    @Test
    void aPodBoundToANodeThatIsGoneIsDeletedAfterTheQuarantine() {
        try (FakeKubelet ghost = new FakeKubelet(client, "ghost")) {
            ghost.runPod(NS, "orphan");
        }
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> pod("orphan") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("orphan") == null);
    }

    @Test
    void theOldestFinishedPodsBeyondTheThresholdAreDeleted() {
        for (int i = 0; i < 5; i++) {
            String name = "finished-" + i;
            client.pods().inNamespace(NS).resource(newPod(name)).create();
            String phase = i % 2 == 0 ? "Succeeded" : "Failed";
            client.pods().inNamespace(NS).withName(name).editStatus(p -> new PodBuilder(p).editStatus().withPhase(phase).endStatus().build());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("finished-0") == null && pod("finished-1") == null);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> pod("finished-2") != null && pod("finished-3") != null && pod("finished-4") != null);
    }

    @Test
    void aTerminatingPodThatWasNeverScheduledIsFailedAndForceDeleted() {
        client.pods().inNamespace(NS).resource(new PodBuilder(newPod("unscheduled")).editMetadata()
                .withFinalizers("skiff.dev/test").endMetadata().build()).create();
        client.pods().inNamespace(NS).withName("unscheduled").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Failed".equals(pod("unscheduled").getStatus().getPhase()));
        assertThat(pod("unscheduled").getMetadata().getDeletionGracePeriodSeconds()).isZero();
    }

    @Test
    void aTerminatingPodOnAnOutOfServiceNodeIsForceDeleted() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("out-of-service").endMetadata()
                .withNewSpec().addToTaints(new TaintBuilder().withKey(Taints.OUT_OF_SERVICE).withValue("nodeshutdown")
                        .withEffect("NoExecute").build()).endSpec()
                .withNewStatus().withConditions(new NodeConditionBuilder().withType("Ready").withStatus("False")
                        .withReason("KubeletNotReady").build()).endStatus()
                .build()).create();
        client.pods().inNamespace(NS).resource(new PodBuilder(newPod("stuck")).editSpec().withNodeName("out-of-service").endSpec()
                .build()).create();
        client.pods().inNamespace(NS).withName("stuck").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("stuck") == null);
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private static Pod newPod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("skiff.local/busybox:1").endContainer().endSpec()
                .build();
    }
}
