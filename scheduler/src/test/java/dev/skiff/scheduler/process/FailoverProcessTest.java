package dev.skiff.scheduler.process;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.scheduler.testing.BindingRecorder;
import dev.skiff.scheduler.testing.Cluster;
import dev.skiff.informer.testing.QuarkusAppProcess;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scheduler processes against one api-server; the leader is killed (SIGKILL) midway through
 * 1,000 pending pods that exactly fill the nodes: the standby takes over, and every pod ends bound
 * exactly once with no node over-committed.
 */
@Timeout(240)
class FailoverProcessTest {

    private static final String NS = "failover";
    private static final int NODES = 20;
    private static final int PODS = 1000;
    /** 20 nodes of 5 cpu hold exactly 1,000 pods of 100m. */
    private static final long NODE_MILLI_CPU = 5000;
    private static final Map<String, String> QUICK_LEASE = Map.of(
            "SKIFF_SCHEDULER_LEADER_ELECTION_LEASE_DURATION", "3s",
            "SKIFF_SCHEDULER_LEADER_ELECTION_RENEW_DEADLINE", "2s",
            "SKIFF_SCHEDULER_LEADER_ELECTION_RETRY_PERIOD", "300ms",
            "SKIFF_SCHEDULER_QUEUE_INITIAL_BACKOFF", "100ms",
            "SKIFF_SCHEDULER_QUEUE_MAX_BACKOFF", "1s");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ApiServerProcess apiServer;
    private Cluster cluster;

    @BeforeEach
    void start() throws Exception {
        apiServer = ApiServerProcess.start(Map.of());
        cluster = new Cluster(ApiClient.connect(apiServer.url(), "skiff-test"));
        cluster.createNamespace(NS);
        for (int i = 0; i < NODES; i++) {
            cluster.create(node(String.format("node-%02d", i), "5", "64Gi").build());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        cluster.client().close();
        apiServer.close();
    }

    @Test
    void theStandbyFinishesWhatTheKilledLeaderStartedBindingEveryPodOnce() throws Exception {
        QuarkusAppProcess a = started(QuarkusAppProcess.start("scheduler-a", settings("scheduler-a")));
        a.awaitUntil(Duration.ofSeconds(60), a::isLeader);
        QuarkusAppProcess b = started(QuarkusAppProcess.start("scheduler-b", settings("scheduler-b")));
        b.awaitUntil(Duration.ofSeconds(60), b::isReady);
        assertThat(b.readyData().path("role").asText()).isEqualTo("standby");
        BindingRecorder bindings = started(new BindingRecorder(apiServer.url()));

        AtomicInteger created = new AtomicInteger();
        CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < PODS; i++) {
                Pod pod = pod(String.format("pod-%04d", i), "100m", "64Mi").editMetadata().withNamespace(NS).endMetadata().build();
                cluster.create(pod);
                created.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> bindings.bound() >= 300);
        a.kill();
        int boundWhenKilled = bindings.bound();
        assertThat(boundWhenKilled).as("the leader died midway").isLessThan(PODS);

        creating.get();
        b.awaitUntil(Duration.ofSeconds(120), () -> bindings.bound() == PODS);
        assertThat(b.isLeader()).isTrue();
        assertThat(cluster.client().leases().inNamespace("kube-system").withName("skiff-scheduler").get().getSpec().getHolderIdentity())
                .isEqualTo("scheduler-b");

        Map<String, Set<String>> nodesByPod = bindings.nodesByPod();
        assertThat(nodesByPod).hasSize(PODS);
        assertThat(nodesByPod.values()).as("each pod bound to one node, once").allMatch(nodes -> nodes.size() == 1);
        Map<String, Long> requested = cluster.requestedMilliCpuByNode(NS);
        assertThat(requested).hasSize(NODES);
        assertThat(requested.values()).as("no node over-committed: the nodes are exactly full").allMatch(milli -> milli == NODE_MILLI_CPU);
        assertThat(b.readyData().path("assumedPods").asInt()).isZero();
    }

    private Map<String, String> settings(String identity) {
        Map<String, String> settings = new java.util.HashMap<>(QUICK_LEASE);
        settings.put("SKIFF_SCHEDULER_LEADER_ELECTION_IDENTITY", identity);
        settings.put("SKIFF_SCHEDULER_API_SERVER", apiServer.url());
        return settings;
    }

    private <T extends AutoCloseable> T started(T resource) {
        resources.add(0, resource);
        return resource;
    }
}
