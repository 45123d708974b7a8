package dev.skiff.api.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTest {

    /** Kubernetes' TestHumanDuration and TestHumanDurationBoundaries, durations in milliseconds. */
    @ParameterizedTest(name = "{0}ms -> {1}")
    @CsvSource({
            "1000, 1s",
            "70000, 70s",
            "190000, 3m10s",
            "4200000, 70m",
            "169200000, 47h",
            "176400000, 2d1h",
            "698400000, 8d",
            "31708800000, 367d",
            "63162000000, 2y1d",
            "252295200000, 8y",
            "-2000, <invalid>",
            "0, 0s",
            "999, 0s",
            "119999, 119s",
            "120000, 2m",
            "121000, 2m1s",
            "599999, 9m59s",
            "600000, 10m",
            "601000, 10m",
            "10799999, 179m",
            "10800000, 3h",
            "10860000, 3h1m",
            "28799999, 7h59m",
            "28800000, 8h",
            "32340000, 8h",
            "172799999, 47h",
            "172800000, 2d",
            "176400000, 2d1h",
            "691199999, 7d23h",
            "691200000, 8d",
            "774000000, 8d",
            "63071999999, 729d",
            "63072000000, 2y",
            "63154800000, 2y",
            "63158340000, 2y",
            "63158399999, 2y",
            "63158400000, 2y1d",
            "94608000000, 3y",
            "126144000000, 4y",
            "157680000000, 5y",
            "189216000000, 6y",
            "220752000000, 7y",
            "252287999999, 7y364d",
            "252288000000, 8y",
            "283737600000, 8y",
            "283824000000, 9y",
    })
    void formatsLikeKubernetes(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void clockSkewOfUnderTwoSecondsIsNow() {
        // -2s + 1ns truncates toward zero to -1s, as Go's int(d.Seconds()).
        assertThat(HumanDuration.format(Duration.ofSeconds(-2).plusNanos(1))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofMillis(-2500))).isEqualTo("<invalid>");
    }

    @Test
    void commonAges() {
        assertThat(HumanDuration.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(HumanDuration.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(HumanDuration.format(Duration.ofHours(51))).isEqualTo("2d3h");
    }

    @Test
    void sinceATimestamp() {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        assertThat(HumanDuration.since(Instant.parse("2024-05-01T11:55:00Z"), now)).isEqualTo("5m");
        assertThat(HumanDuration.since(null, now)).isEqualTo("<unknown>");
    }
}
