package dev.skiff.controllers.replicaset;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartTest {

    @Test
    void runsEveryCallInGrowingBatchesWhenAllSucceed() {
        AtomicInteger calls = new AtomicInteger();

        SlowStart.Outcome outcome = SlowStart.run(10, 1, Runnable::run, calls::incrementAndGet);

        assertThat(calls.get()).isEqualTo(10);
        assertThat(outcome.attempted()).isEqualTo(10);
        assertThat(outcome.succeeded()).isEqualTo(10);
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void stopsAfterTheFirstBatchWithAFailure() {
        AtomicInteger calls = new AtomicInteger();

        // batches 1, 2, 4: the fourth call (in the third batch) fails, so that batch is the last
        SlowStart.Outcome outcome = SlowStart.run(100, 1, Runnable::run, () -> {
            if (calls.incrementAndGet() == 4) {
                throw new IllegalStateException("quota exceeded");
            }
        });

        assertThat(calls.get()).isEqualTo(7);
        assertThat(outcome.attempted()).isEqualTo(7);
        assertThat(outcome.succeeded()).isEqualTo(6);
        assertThat(outcome.failure()).hasMessage("quota exceeded");
    }

    @Test
    void nothingToDoIsNoCall() {
        assertThat(SlowStart.run(0, 1, Runnable::run, () -> {
            throw new AssertionError("no call expected");
        }).attempted()).isZero();
    }
}
