package dev.skiff.kubelet.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UsageWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static UsageSample sample(long cpuNanos, long millisAfterT0) {
        return new UsageSample(cpuNanos, 1024, T0.plusMillis(millisAfterT0));
    }

    @Test
    void theRateIsCpuNanosecondsPerSecondOfWallTimeBetweenTheTwoLatestSamples() {
        UsageWindow window = UsageWindow.of(sample(5_000_000_000L, 0));
        assertThat(window.usageNanoCores()).isEmpty();

        // 0.5 s of CPU in 2 s: a quarter of a core
        window = window.next(sample(5_500_000_000L, 2_000));
        assertThat(window.usageNanoCores()).isEqualTo(OptionalLong.of(250_000_000L));

        // only the two latest count: 3 s of CPU in 1.5 s, two cores
        window = window.next(sample(8_500_000_000L, 3_500));
        assertThat(window.previous().time()).isEqualTo(T0.plusMillis(2_000));
        assertThat(window.usageNanoCores()).isEqualTo(OptionalLong.of(2_000_000_000L));
    }

    @Test
    void manyCoresOverALongWindowDoNotOverflow() {
        // 64 cores busy for an hour: 2.3e14 ns of CPU, times 1e9 would not fit in a long
        long cpu = 64L * 3_600 * 1_000_000_000L;
        UsageWindow window = UsageWindow.of(sample(0, 0)).next(sample(cpu, 3_600_000));

        assertThat(window.usageNanoCores()).isEqualTo(OptionalLong.of(64_000_000_000L));
    }

    @Test
    void theSameReadingAgainChangesNothingAndCpuTimeGoingBackGivesNoRate() {
        UsageWindow window = UsageWindow.of(sample(1_000, 0)).next(sample(2_000_000, 1_000));

        assertThat(window.next(sample(9_000_000, 1_000))).isSameAs(window);
        assertThat(window.next(sample(9_000_000, 500))).isSameAs(window);
        UsageWindow wentBack = window.next(sample(1_000_000, 2_000));
        assertThat(wentBack.latest().cpuCoreNanoSeconds()).isEqualTo(1_000_000);
        assertThat(wentBack.usageNanoCores()).isEmpty();
    }
}
