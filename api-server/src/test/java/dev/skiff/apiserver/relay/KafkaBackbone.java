package dev.skiff.apiserver.relay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;

import dev.skiff.kafka.testing.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A test profile with a real Kafka broker, started for the profile, and the relay publishing to it. */
public class KafkaBackbone implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Broker.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("skiff.relay.checkpoint-interval", "50ms", "skiff.kafka.pods-by-node-partitions", "8",
                "skiff.kafka.topic-config.\"delete.retention.ms\"", "123456");
    }

    /**
     * Waits until the relay follows the store, having published its first records: a write before
     * that reaches Kafka only as part of the relay's first snapshot of every object, not as a change
     * of its own.
     */
    public static void awaitRelayFollowing() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'relay' }.data.publishedRevision", greaterThan(0)));
    }

    /** Starts a throwaway single-node broker and points the relay at it. */
    public static class Broker implements QuarkusTestResourceLifecycleManager {

        /** Where the broker of the running profile listens, for the tests' own clients. */
        public static volatile String bootstrapServers;
        private KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            broker = KafkaBroker.start();
            bootstrapServers = broker.bootstrapServers();
            return Map.of("skiff.kafka.bootstrap-servers", bootstrapServers);
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
