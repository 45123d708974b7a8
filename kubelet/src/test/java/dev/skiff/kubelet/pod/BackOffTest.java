package dev.skiff.kubelet.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes' restart back-off: 10 s doubling to 5 min, forgotten after 10 quiet minutes. */
class BackOffTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void doublesUpToFiveMinutes() {
        BackOff backOff = new BackOff(clock);
        assertThat(backOff.remaining("p/c", now)).isZero();
        Duration[] expected = {Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
                Duration.ofSeconds(160), Duration.ofSeconds(300), Duration.ofSeconds(300)};
        for (Duration delay : expected) {
            backOff.next("p/c");
            assertThat(backOff.delay("p/c")).isEqualTo(delay);
            assertThat(backOff.remaining("p/c", now)).isEqualTo(delay);
            now = now.plusSeconds(1);
        }
    }

    @Test
    void theWindowRunsFromWhenTheContainerFinished() {
        BackOff backOff = new BackOff(clock);
        backOff.next("p/c");
        Instant finished = now.minusSeconds(4);
        assertThat(backOff.remaining("p/c", finished)).isEqualTo(Duration.ofSeconds(6));
        now = now.plusSeconds(7);
        assertThat(backOff.remaining("p/c", finished)).isZero();
    }

    @Test
    void resetsAfterTenQuietMinutesAndForgetsAPod() {
        BackOff backOff = new BackOff(clock);
        backOff.next("p/c");
        backOff.next("p/c");
        now = now.plus(Duration.ofMinutes(11));
        backOff.next("p/c");
        assertThat(backOff.delay("p/c")).isEqualTo(Duration.ofSeconds(10));
        backOff.forgetPod("p");
        assertThat(backOff.delay("p/c")).isZero();
    }
}
