package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySeriesTest {

    @Test
    void theMedianOfThreeRoundsIsTheMiddleOne() {
        LatencySeries series = new LatencySeries();
        series.add(31_000_000_000L);
        series.add(29_500_000_000L);
        series.add(40_250_000_000L);

        assertThat(series.count()).isEqualTo(3);
        assertThat(series.percentileSeconds(50)).isEqualTo(31.0);
        assertThat(series.percentileSeconds(100)).isEqualTo(40.25);
        assertThat(series.summary()).isEqualTo(" 31000.0  40250.0  40250.0");
    }

    @Test
    void anEmptySeriesIsZeroAndNegativeDurationsCountAsZero() {
        LatencySeries series = new LatencySeries();
        assertThat(series.percentileSeconds(50)).isZero();

        series.add(-5);
        assertThat(series.percentileMillis(100)).isZero();
    }

    @Test
    void poolingAddsTheOtherSeries() {
        LatencySeries round1 = new LatencySeries();
        round1.add(1_000_000L);
        LatencySeries round2 = new LatencySeries();
        round2.add(3_000_000L);
        LatencySeries all = new LatencySeries();
        all.addAll(round1);
        all.addAll(round2);

        assertThat(all.count()).isEqualTo(2);
        assertThat(all.percentileMillis(50)).isEqualTo(1.0);
        assertThat(all.percentileMillis(100)).isEqualTo(3.0);
    }
}
