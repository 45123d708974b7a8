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
import static org.awaitility.Awaitility.await;

/**
 * The relay follows the store from a durable checkpoint, not the requests: an api-server killed with
 * SIGKILL in the middle of a stream of writes loses no change, and what it publishes again on restart
 * repeats resourceVersions consumers drop.
 */
class RelayKillNineTest {

    @Test
    void everyCommittedChangeIsPublishedOnceAfterTheApiServerIsKilledMidStream() {
        try (Cluster cluster = Cluster.start("kill-nine", Map.of())) {
            ApiServerProcess server = cluster.startApiServer("api-server");
            cluster.awaitFirstRelayCheckpoint();
            WritePlan plan = WritePlan.cycling(100, 1000);
            List<Change> committed;
            try (WriteStream writes = WriteStream.start(plan, new ConfigMapClient(server.url(), "default"), cluster.history())) {
                await("300 writes").atMost(Duration.ofSeconds(60)).until(() -> writes.completed() >= 300);
                server.kill9();
                assertThat(writes.completed()).as("writes done when the api-server was killed").isLessThan(plan.size());
                server.restart();
                committed = writes.awaitCommitted(Duration.ofSeconds(120));
            }
            PublishedChanges.assertEachPublishedOnceInOrder(cluster, committed);
        }
    }
}
