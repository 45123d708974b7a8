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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop (SIGTERM) checkpoints everything Kafka has acknowledged, so the next relay starts
 * after the last change instead of sending again what came after the last periodic checkpoint.
 */
class RelayGracefulStopTest {

    @Test
    void aGracefulStopCheckpointsTheLastPublishedChange() {
        try (Cluster cluster = Cluster.start("graceful-stop", Map.of())) {
            // periodic checkpoints an hour apart: only the one taken when stopping can cover the writes
            ApiServerProcess server = cluster.startApiServer("api-server", Map.of("SKIFF_RELAY_CHECKPOINT_INTERVAL", "1h"));
            cluster.awaitFirstRelayCheckpoint();
            long firstCheckpoint = cluster.history().relayCheckpoint().orElseThrow();
            List<Change> committed;
            try (WriteStream writes = WriteStream.start(WritePlan.cycling(20, 200), new ConfigMapClient(server.url(), "default"),
                    cluster.history())) {
                committed = writes.awaitCommitted(Duration.ofSeconds(60));
            }
            PublishedChanges.assertEachPublishedOnceInOrder(cluster, committed);
            long lastWrite = committed.stream().mapToLong(Change::resourceVersion).max().orElseThrow();
            assertThat(cluster.history().relayCheckpoint()).as("checkpoint while running").contains(firstCheckpoint);

            server.stop();

            assertThat(cluster.history().relayCheckpoint()).as("checkpoint after the graceful stop")
                    .hasValueSatisfying(checkpoint -> assertThat(checkpoint).isGreaterThanOrEqualTo(lastWrite));
        }
    }
}
