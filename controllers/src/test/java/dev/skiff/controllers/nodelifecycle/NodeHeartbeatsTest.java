package dev.skiff.controllers.nodelifecycle;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeHeartbeatsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private final NodeHeartbeats heartbeats = new NodeHeartbeats();

    @Test
    void aNodeSeenForTheFirstTimeCountsAsHeardFromNowWhateverItsTimestampsSay() {
        assertThat(heartbeats.known("n1")).isFalse();
        assertThat(heartbeats.observe("n1", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", T0)).isEqualTo(T0);
        assertThat(heartbeats.known("n1")).isTrue();
    }

    @Test
    void onlyANewLeaseRenewalOrANewReadyHeartbeatCounts() {
        heartbeats.observe("n1", "lease-1", "ready-1", T0);
        assertThat(heartbeats.observe("n1", "lease-1", "ready-1", T0.plusSeconds(5))).isEqualTo(T0);
        assertThat(heartbeats.observe("n1", "lease-2", "ready-1", T0.plusSeconds(6))).isEqualTo(T0.plusSeconds(6));
        assertThat(heartbeats.observe("n1", "lease-2", "ready-2", T0.plusSeconds(9))).isEqualTo(T0.plusSeconds(9));
        assertThat(heartbeats.observe("n1", "lease-2", "ready-2", T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void aMissingHeartbeatIsNoSignOfLife() {
        heartbeats.observe("n1", "lease-1", "ready-1", T0);
        // the controller set Ready to Unknown: that condition carries no kubelet heartbeat
        assertThat(heartbeats.observe("n1", "lease-1", null, T0.plusSeconds(25))).isEqualTo(T0);
        assertThat(heartbeats.observe("n1", null, null, T0.plusSeconds(26))).isEqualTo(T0);
        // the kubelet is back and posts its status again, even with its old heartbeat
        assertThat(heartbeats.observe("n1", "lease-1", "ready-1b", T0.plusSeconds(40))).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void aForgottenNodeStartsOver() {
        heartbeats.observe("n1", "lease-1", "ready-1", T0);
        heartbeats.forget("n1");
        assertThat(heartbeats.known("n1")).isFalse();
        assertThat(heartbeats.observe("n1", "lease-1", "ready-1", T0.plusSeconds(60))).isEqualTo(T0.plusSeconds(60));
    }
}
