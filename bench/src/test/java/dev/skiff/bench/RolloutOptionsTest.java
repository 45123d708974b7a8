package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloutOptionsTest {

    @Test
    void defaultsRollTenReplicasWithKubernetesShares() {
        RolloutOptions options = RolloutOptions.parse();

        assertThat(options.replicas()).isEqualTo(10);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.nodes()).isEqualTo(3);
        assertThat(options.maxSurge()).isEqualTo("25%");
        assertThat(options.maxUnavailable()).isEqualTo("25%");
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        RolloutOptions options = RolloutOptions.parse("--replicas", "20", "--rounds", "5", "--nodes", "1",
                "--max-surge", "2", "--max-unavailable", "0");

        assertThat(options.replicas()).isEqualTo(20);
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.nodes()).isEqualTo(1);
        assertThat(options.maxSurge()).isEqualTo("2");
        assertThat(options.maxUnavailable()).isEqualTo("0");
    }

    @Test
    void sharesAreNumbersOrPercentagesUpToAHundred() {
        assertThat(RolloutOptions.parse("--max-surge", "100%").maxSurge()).isEqualTo("100%");
        assertThatThrownBy(() -> RolloutOptions.parse("--max-surge", "101%"))
                .hasMessageContaining("--max-surge needs a number of pods (e.g. 2) or a percentage from 0% to 100%");
        assertThatThrownBy(() -> RolloutOptions.parse("--max-unavailable", "-1"))
                .hasMessageContaining("--max-unavailable needs a number of pods");
        assertThatThrownBy(() -> RolloutOptions.parse("--max-unavailable", "a quarter"))
                .hasMessageContaining("got 'a quarter'");
    }

    @Test
    void surgeAndUnavailableCannotBothBeZero() {
        assertThatThrownBy(() -> RolloutOptions.parse("--max-surge", "0%", "--max-unavailable", "0"))
                .hasMessageContaining("cannot both be 0");
        assertThat(RolloutOptions.parse("--max-surge", "0", "--help").help()).isTrue();
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> RolloutOptions.parse("--nodes", "0"))
                .hasMessage("--nodes needs a whole number from 1 to 10, got '0'");
        assertThatThrownBy(() -> RolloutOptions.parse("--replicas", "ten"))
                .hasMessageContaining("--replicas needs a whole number");
        assertThatThrownBy(() -> RolloutOptions.parse("--pods", "3"))
                .hasMessage("unknown option '--pods'");
    }
}
