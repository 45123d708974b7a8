package dev.skiff.scheduler;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.LeaderElectedRun;
import dev.skiff.scheduler.testing.ApiServerResource;
import dev.skiff.scheduler.testing.Cluster;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The scheduler application in process, reading a real api-server (embedded store) through its
 * watch and writing bindings, conditions and events to it.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class SchedulerWatchTest {

    private static final String NS = "watch-test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    SchedulerService service;

    @ConfigProperty(name = "skiff.scheduler.api-server")
    String apiServer;

    private Cluster cluster;

    @BeforeEach
    void connect() {
        cluster = new Cluster(ApiClient.connect(apiServer, "skiff-test"));
        cluster.createNamespace(NS);
        await().atMost(DEADLINE).until(() -> service.role() == LeaderElectedRun.Role.LEADER);
    }

    @AfterEach
    void clear() {
        cluster.clear(NS);
        await().atMost(DEADLINE).until(() -> service.cache().counts().nodes() == 0 && service.cache().counts().pods() == 0
                && service.queue().counts().pending() == 0);
        cluster.client().close();
    }

    @Test
    void bindsEachPodToANodeThatFitsAndRecordsIt() {
        cluster.create(node("ssd", "4", "8Gi").editMetadata().addToLabels("disk", "ssd").endMetadata().build());
        cluster.create(node("gpu", "4", "8Gi").editSpec().addNewTaint().withKey("dedicated").withValue("gpu").withEffect("NoSchedule")
                .endTaint().endSpec().build());
        cluster.create(node("tiny", "1", "8Gi").build());

        cluster.create(pod("wants-ssd", "100m", null).editMetadata().withNamespace(NS).endMetadata()
                .editSpec().addToNodeSelector("disk", "ssd").endSpec().build());
        cluster.create(pod("wants-gpu", "100m", null).editMetadata().withNamespace(NS).endMetadata().editSpec()
                .addNewToleration().withKey("dedicated").withOperator("Equal").withValue("gpu").withEffect("NoSchedule").endToleration()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addToMatchExpressions(new NodeSelectorRequirementBuilder().withKey("kubernetes.io/hostname").withOperator("In")
                        .withValues("gpu").build())
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .endSpec().build());
        cluster.create(pod("big", "3", null).editMetadata().withNamespace(NS).endMetadata().build());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(cluster.nodeOf(NS, "wants-ssd")).isEqualTo("ssd");
            assertThat(cluster.nodeOf(NS, "wants-gpu")).isEqualTo("gpu");
            assertThat(cluster.nodeOf(NS, "big")).as("the only untainted node with 3 cpu free").isEqualTo("ssd");
        });
        assertThat(cluster.podScheduled(NS, "big")).map(PodCondition::getStatus).contains("True");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(cluster.events(NS, "wants-gpu"))
                .containsExactly("Scheduled: Successfully assigned " + NS + "/wants-gpu to gpu"));
    }

    @Test
    void aPodThatFitsNowhereIsToldWhyThenPlacedOnANewNode() {
        cluster.create(node("small-1", "1", "8Gi").build());
        cluster.create(node("small-2", "1", "8Gi").build());
        cluster.create(node("gpu", "8", "8Gi").editSpec().addNewTaint().withKey("dedicated").withValue("gpu").withEffect("NoSchedule")
                .endTaint().endSpec().build());
        cluster.create(pod("wide", "2", null).editMetadata().withNamespace(NS).endMetadata().build());
        String message = "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.";

        await().atMost(DEADLINE).untilAsserted(() -> {
            PodCondition condition = cluster.podScheduled(NS, "wide").orElseThrow();
            assertThat(condition.getStatus()).isEqualTo("False");
            assertThat(condition.getReason()).isEqualTo("Unschedulable");
            assertThat(condition.getMessage()).isEqualTo(message);
            assertThat(cluster.events(NS, "wide")).contains("FailedScheduling: " + message);
        });
        assertThat(service.queue().counts().unschedulable()).isEqualTo(1);

        cluster.create(node("big", "4", "8Gi").build());
        await().atMost(DEADLINE).until(() -> "big".equals(cluster.nodeOf(NS, "wide")));
        assertThat(cluster.podScheduled(NS, "wide")).map(PodCondition::getStatus).contains("True");
    }

    @Test
    void aPodLeavingANodeMakesRoomForOneWaiting() {
        cluster.create(node("only", "1", "8Gi").build());
        cluster.create(pod("first", "800m", null).editMetadata().withNamespace(NS).endMetadata().build());
        await().atMost(DEADLINE).until(() -> "only".equals(cluster.nodeOf(NS, "first")));
        cluster.create(pod("second", "800m", null).editMetadata().withNamespace(NS).endMetadata().build());
        await().atMost(DEADLINE).until(() -> cluster.podScheduled(NS, "second").map(c -> "False".equals(c.getStatus())).orElse(false));

        cluster.client().pods().inNamespace(NS).withName("first").withGracePeriod(0).delete();

        await().atMost(DEADLINE).until(() -> "only".equals(cluster.nodeOf(NS, "second")));
    }

    @Test
    void neverOverCommitsANodeWhenManyPodsArriveAtOnce() {
        cluster.create(node("a", "2", "8Gi").build());
        cluster.create(node("b", "2", "8Gi").build());
        List<CompletableFuture<Pod>> creates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Pod pod = pod("crowd-" + i, "100m", null).editMetadata().withNamespace(NS).endMetadata().build();
            creates.add(CompletableFuture.supplyAsync(() -> cluster.create(pod)));
        }
        creates.forEach(CompletableFuture::join);

        await().atMost(DEADLINE).until(() -> cluster.requestedMilliCpuByNode(NS).values().stream().mapToLong(Long::longValue).sum() == 4000
                && service.queue().counts().unschedulable() == 10);
        assertThat(cluster.requestedMilliCpuByNode(NS)).isEqualTo(Map.of("a", 2000L, "b", 2000L));
        assertThat(service.cache().counts().assumedPods()).isZero();
    }

    @Test
    void podsOfAnotherSchedulerAreLeftAlone() {
        cluster.create(node("a", "2", "8Gi").build());
        cluster.create(pod("theirs", "100m", null).editMetadata().withNamespace(NS).endMetadata()
                .editSpec().withSchedulerName("other-scheduler").endSpec().build());
        cluster.create(pod("ours", "100m", null).editMetadata().withNamespace(NS).endMetadata().build());

        await().atMost(DEADLINE).until(() -> "a".equals(cluster.nodeOf(NS, "ours")));
        assertThat(cluster.nodeOf(NS, "theirs")).isNull();
        assertThat(cluster.podScheduled(NS, "theirs")).as("untouched").isEmpty();
    }

    @Test
    void leadsThroughItsLeaseAndReportsItInItsHealth() {
        Lease lease = cluster.client().leases().inNamespace("kube-system").withName("skiff-scheduler").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(service.identity());

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].name", equalTo("scheduler"))
                .body("checks[0].data.role", equalTo("leader"))
                .body("checks[0].data.schedulerName", equalTo("default-scheduler"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
