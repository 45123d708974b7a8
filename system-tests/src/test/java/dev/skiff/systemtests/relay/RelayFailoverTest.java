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
 * Two api-servers on one etcd and Kafka: one relays, the other stands by. When the relay is killed,
 * its store lease runs out and the standby takes over from the checkpoint, losing nothing.
 */
class RelayFailoverTest {

    private static final System.Logger LOG = System.getLogger(RelayFailoverTest.class.getName());
    /** Beyond the lease: the standby's next attempt (a third of the lease apart) and etcd's expiry check. */
    private static final Duration TAKEOVER_SLACK = Duration.ofSeconds(3);
    /** Longer than a lease: a leader that has held this long has renewed its lease. */
    private static final Duration STEADY = Cluster.RELAY_LEASE.plusSeconds(2);

    @Test
    void theStandbyTakesOverWithinTheLeaseAndEveryCommittedChangeIsPublishedOnce() {
        try (Cluster cluster = Cluster.start("failover", Map.of())) {
            ApiServerProcess leader = cluster.startApiServer("api-server-1");
            // the second starts once the first leads steadily, so what is killed is an established relay
            await("api-server-1 leads the relay steadily").during(STEADY).atMost(Duration.ofSeconds(30))
                    .until(() -> leader.relayState().equals(Optional.of("leader")));
            cluster.awaitFirstRelayCheckpoint();
            ApiServerProcess standby = cluster.startApiServer("api-server-2");
            await("api-server-2 stands by").atMost(Duration.ofSeconds(30))
                    .until(() -> standby.relayState().equals(Optional.of("standby")));

            WritePlan plan = WritePlan.cycling(100, 1000);
            List<Change> committed;
            try (WriteStream writes = WriteStream.start(plan, new ConfigMapClient(standby.url(), "default"), cluster.history())) {
                await("300 writes").atMost(Duration.ofSeconds(60)).until(() -> writes.completed() >= 300);
                assertThat(standby.relayState()).as("the relay state of " + standby.name() + " before the kill")
                        .contains("standby");
                leader.kill9();
                long killed = System.nanoTime();
                assertThat(writes.completed()).as("writes done when the relay was killed").isLessThan(plan.size());
                await(standby.name() + " takes the relay over").atMost(Cluster.RELAY_LEASE.plus(TAKEOVER_SLACK))
                        .until(() -> standby.relayState().equals(Optional.of("leader")));
                LOG.log(System.Logger.Level.INFO, "{0} took the relay over {1} ms after {2} was killed",
                        standby.name(), Long.toString(Duration.ofNanos(System.nanoTime() - killed).toMillis()), leader.name());
                committed = writes.awaitCommitted(Duration.ofSeconds(120));
            }
            PublishedChanges.assertEachPublishedOnceInOrder(cluster, committed);
        }
    }
}
