package dev.skiff.systemtests.relay;

import dev.skiff.systemtests.harness.ApiServerProcess;
import dev.skiff.systemtests.harness.Change;
import dev.skiff.systemtests.harness.Cluster;
import dev.skiff.systemtests.harness.ConfigMapClient;
import dev.skiff.systemtests.harness.WritePlan;
import dev.skiff.systemtests.harness.WriteStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While Kafka is down the REST API keeps committing and health reports the relay down; the relay,
 * retrying, publishes every change once the broker is back, and reports up again.
 */
class RelayBrokerRestartTest {

    @Test
    void everyCommittedChangeIsPublishedOnceAcrossABrokerRestart() {
        try (Cluster cluster = Cluster.start("broker-restart", Map.of())) {
            ApiServerProcess server = cluster.startApiServer("api-server");
            cluster.awaitFirstRelayCheckpoint();
            WritePlan plan = WritePlan.cycling(100, 1000);
            List<Change> committed;
            try (WriteStream writes = WriteStream.start(plan, new ConfigMapClient(server.url(), "default"), cluster.history())) {
                await("300 writes").atMost(Duration.ofSeconds(60)).until(() -> writes.completed() >= 300);
                cluster.kafka().stop();
                int whenStopped = writes.completed();
                assertThat(whenStopped).as("writes done when Kafka was stopped").isLessThan(plan.size() - 100);
                // well before the producer gives its records up (30 s): the relay is stalled, not yet failing
                await("the relay reported down while Kafka is away").atMost(Duration.ofSeconds(15))
                        .until(() -> server.relayStatus().equals(Optional.of("DOWN")));
                assertThat(server.relayState()).as("relay state while Kafka is away").contains("stalled");
                await("100 writes while Kafka is down").atMost(Duration.ofSeconds(60))
                        .until(() -> writes.completed() >= whenStopped + 100);
                cluster.kafka().restart();
                committed = writes.awaitCommitted(Duration.ofSeconds(120));
            }
            // records sent before the restart may still expire and fail one relay run: wait for the lasting state
            await("the relay reported up and leading again").atMost(Duration.ofSeconds(90))
                    .until(() -> server.relayState().equals(Optional.of("leader")) && server.relayStatus().equals(Optional.of("UP")));
            PublishedChanges.assertEachPublishedOnceInOrder(cluster, committed);
        }
    }
}
