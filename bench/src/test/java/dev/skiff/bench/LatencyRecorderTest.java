package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        for (int i = 0; i < 100; i++) {
            // recorded out of order: 100 ms down to 1 ms
            recorder.record(i, (100 - i) * 1_000_000L);
        }

        assertThat(recorder.percentileMillis(50)).isEqualTo(50.0);
        assertThat(recorder.percentileMillis(99)).isEqualTo(99.0);
        assertThat(recorder.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void aSingleOperationIsEveryPercentile() {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(0, 2_500_000L);

        assertThat(recorder.percentileMillis(50)).isEqualTo(2.5);
        assertThat(recorder.percentileMillis(99)).isEqualTo(2.5);
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        LatencyRecorder recorder = new LatencyRecorder(1);

        assertThatThrownBy(() -> recorder.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recorder.percentileMillis(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
