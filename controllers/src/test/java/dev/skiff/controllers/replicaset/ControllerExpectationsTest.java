package dev.skiff.controllers.replicaset;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerExpectationsTest {

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final ControllerExpectations expectations = new ControllerExpectations(Duration.ofMinutes(5), clock);

    @Test
    void creationsAreSatisfiedOnceAllAreSeen() {
        assertThat(expectations.satisfied("ns/rs")).isTrue();
        expectations.expectCreations("ns/rs", 2);
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
        assertThat(expectations.satisfied("ns/other")).isTrue();
    }

    @Test
    void deletionsAreTrackedByPodKeySoARepeatedEventCountsOnce() {
        expectations.expectDeletions("ns/rs", List.of("ns/a", "ns/b"));
        expectations.deletionObserved("ns/rs", "ns/a");
        expectations.deletionObserved("ns/rs", "ns/a");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.deletionObserved("ns/rs", "ns/unrelated");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.deletionObserved("ns/rs", "ns/b");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void expectationsAreGivenUpAfterTheTimeout() {
        expectations.expectCreations("ns/rs", 1);
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void deletingForgets() {
        expectations.expectCreations("ns/rs", 3);
        expectations.delete("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }
}
