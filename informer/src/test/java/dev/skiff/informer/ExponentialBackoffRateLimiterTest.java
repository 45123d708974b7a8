package dev.skiff.informer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExponentialBackoffRateLimiterTest {

    @Test
    void doublesFromFiveMillisecondsUpToAThousandSecondsByDefault() {
        var limiter = new ExponentialBackoffRateLimiter<String>(
                ExponentialBackoffRateLimiter.DEFAULT_BASE_DELAY, ExponentialBackoffRateLimiter.DEFAULT_MAX_DELAY);

        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
        for (int retry = 4; retry <= 18; retry++) {
            assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5L << (retry - 1)));
        }
        // 5 ms * 2^18 = 1310.72 s: capped, and it stays capped however many retries follow
        for (int retry = 19; retry < 2000; retry++) {
            assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
        }
        assertThat(limiter.numRequeues("a")).isEqualTo(1999);
    }

    @Test
    void keysBackOffIndependentlyAndForgetStartsAfresh() {
        var limiter = new ExponentialBackoffRateLimiter<String>(Duration.ofMillis(1), Duration.ofSeconds(1));
        limiter.when("a");
        limiter.when("a");

        assertThat(limiter.when("b")).isEqualTo(Duration.ofMillis(1));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(4));

        limiter.forget("a");
        assertThat(limiter.numRequeues("a")).isZero();
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(1));
        assertThat(limiter.numRequeues("b")).isEqualTo(1);
    }

    @Test
    void rejectsDelaysThatCannotDouble() {
        assertThatThrownBy(() -> new ExponentialBackoffRateLimiter<String>(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoffRateLimiter<String>(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
