package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two replicas competing for one Lease on a real api-server. */
@Timeout(120)
class LeaderElectionTest {

    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = ApiClient.connect(SharedApiServer.url(), "skiff-test");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static LeaderElection.Settings quick(String name, String identity) {
        return new LeaderElection.Settings("kube-system", name, identity,
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
    }

    @Test
    void exactlyOneLeadsAndTheStandbyTakesOverWhenItLeaves() {
        AtomicInteger aStarted = new AtomicInteger();
        AtomicInteger aStopped = new AtomicInteger();
        AtomicInteger bStarted = new AtomicInteger();
        LeaderElection a = LeaderElection.start(client, quick("hand-over", "a"), aStarted::incrementAndGet, aStopped::incrementAndGet);
        await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
        LeaderElection b = LeaderElection.start(client, quick("hand-over", "b"), bStarted::incrementAndGet, () -> { });
        try {
            Lease lease = client.leases().inNamespace("kube-system").withName("hand-over").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("a");
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> !b.isLeader());

            a.close();
            await().atMost(Duration.ofSeconds(20)).until(b::isLeader);
            assertThat(aStarted).hasValue(1);
            assertThat(aStopped).hasValue(1);
            assertThat(bStarted).hasValue(1);
            assertThat(client.leases().inNamespace("kube-system").withName("hand-over").get().getSpec().getHolderIdentity())
                    .isEqualTo("b");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aLeaderWhoseLeaseIsTakenStopsLeading() {
        AtomicInteger stopped = new AtomicInteger();
        LeaderElection a = LeaderElection.start(client, quick("taken", "a"), () -> { }, stopped::incrementAndGet);
        try {
            await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            client.leases().inNamespace("kube-system").withName("taken")
                    .edit(lease -> {
                        lease.getSpec().setHolderIdentity("intruder");
                        return lease;
                    });
            await().atMost(Duration.ofSeconds(20)).until(() -> !a.isLeader());
            assertThat(stopped).hasValue(1);
        } finally {
            a.close();
        }
    }

    @Test
    void timingsMustLeaveRoomToRenew() {
        assertThatThrownBy(() -> new LeaderElection.Settings("kube-system", "x", "a",
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renew deadline");
    }
}
