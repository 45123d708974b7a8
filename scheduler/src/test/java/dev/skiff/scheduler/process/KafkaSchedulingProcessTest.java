package dev.skiff.scheduler.process;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.kafka.testing.KafkaBroker;
import dev.skiff.scheduler.testing.Cluster;
import dev.skiff.informer.testing.QuarkusAppProcess;
import io.fabric8.kubernetes.api.model.PodCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler reading pods and nodes from Kafka: a real broker, an api-server relaying to it, and
 * the packaged scheduler as a process. A scheduler restarted with the same consumer group places the
 * pods created while it was down.
 */
@Timeout(240)
class KafkaSchedulingProcessTest {

    private static final String NS = "kafka-test";
    private static final String PREFIX = "sched";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static ApiServerProcess apiServer;
    private static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        apiServer = ApiServerProcess.start(Map.of(
                "SKIFF_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SKIFF_KAFKA_TOPIC_PREFIX", PREFIX,
                "SKIFF_KAFKA_PARTITIONS", "3",
                "SKIFF_KAFKA_PODS_BY_NODE_PARTITIONS", "4"));
        cluster = new Cluster(ApiClient.connect(apiServer.url(), "skiff-test"));
        cluster.createNamespace(NS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.client().close();
        }
        if (apiServer != null) {
            apiServer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void schedulesFromTheTopicsAndPicksUpAfterARestart() throws Exception {
        cluster.create(node("a", "2", "8Gi").build());
        cluster.create(node("b", "2", "8Gi").editSpec().addNewTaint().withKey("dedicated").withValue("db").withEffect("NoSchedule")
                .endTaint().endSpec().build());
        try (QuarkusAppProcess first = QuarkusAppProcess.start("kafka-1", settings("kafka-1"))) {
            first.awaitUntil(DEADLINE, first::isLeader);
            // the relay publishes the nodes asynchronously: synced means caught up with the topics, which may lag the store
            first.awaitUntil(DEADLINE, () -> first.readyData().path("nodes").asInt() == 2);

            cluster.create(pod("web", "500m", null).editMetadata().withNamespace(NS).endMetadata().build());
            cluster.create(pod("huge", "3", null).editMetadata().withNamespace(NS).endMetadata().build());

            first.awaitUntil(DEADLINE, () -> "a".equals(cluster.nodeOf(NS, "web")));
            await().atMost(DEADLINE).untilAsserted(() -> {
                PodCondition condition = cluster.podScheduled(NS, "huge").orElseThrow();
                assertThat(condition.getReason()).isEqualTo("Unschedulable");
                assertThat(condition.getMessage()).isEqualTo(
                        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: db}.");
            });
            first.kill();
        }

        cluster.create(pod("while-down", "500m", null).editMetadata().withNamespace(NS).endMetadata().build());
        cluster.create(node("c", "4", "8Gi").build());
        try (QuarkusAppProcess second = QuarkusAppProcess.start("kafka-2", settings("kafka-2"))) {
            second.awaitUntil(DEADLINE, () -> cluster.nodeOf(NS, "while-down") != null && "c".equals(cluster.nodeOf(NS, "huge")));
            assertThat(cluster.nodeOf(NS, "while-down")).isIn("a", "c");
            assertThat(cluster.nodeOf(NS, "web")).as("bound once, before the restart").isEqualTo("a");
            assertThat(second.readyData().path("podsOnNodes").asInt()).isEqualTo(3);
        }
    }

    private static Map<String, String> settings(String identity) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SKIFF_SCHEDULER_LEADER_ELECTION_IDENTITY", identity);
        settings.put("SKIFF_SCHEDULER_API_SERVER", apiServer.url());
        settings.put("SKIFF_SCHEDULER_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        settings.put("SKIFF_SCHEDULER_KAFKA_TOPIC_PREFIX", PREFIX);
        settings.put("SKIFF_SCHEDULER_KAFKA_GROUP_ID", "scheduler-test");
        settings.put("SKIFF_SCHEDULER_LEADER_ELECTION_LEASE_DURATION", "3s");
        settings.put("SKIFF_SCHEDULER_LEADER_ELECTION_RENEW_DEADLINE", "2s");
        settings.put("SKIFF_SCHEDULER_LEADER_ELECTION_RETRY_PERIOD", "300ms");
        settings.put("SKIFF_SCHEDULER_QUEUE_INITIAL_BACKOFF", "100ms");
        settings.put("SKIFF_SCHEDULER_QUEUE_MAX_BACKOFF", "1s");
        return settings;
    }
}
