package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverOptionsTest {

    @Test
    void defaultsFailOneOfThreeNodesThreeTimes() {
        FailoverOptions options = FailoverOptions.parse();

        assertThat(options.nodes()).isEqualTo(3);
        assertThat(options.replicas()).isEqualTo(6);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        FailoverOptions options = FailoverOptions.parse("--nodes", "2", "--replicas", "4", "--rounds", "1");

        assertThat(options.nodes()).isEqualTo(2);
        assertThat(options.replicas()).isEqualTo(4);
        assertThat(options.rounds()).isEqualTo(1);
    }

    @Test
    void helpIsRecognised() {
        assertThat(FailoverOptions.parse("--rounds", "2", "-h").help()).isTrue();
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> FailoverOptions.parse("--nodes", "1"))
                .hasMessage("--nodes needs a whole number from 2 to 10, got '1'");
        assertThatThrownBy(() -> FailoverOptions.parse("--replicas", "0"))
                .hasMessageContaining("--replicas needs a whole number from 1");
        assertThatThrownBy(() -> FailoverOptions.parse("--rounds"))
                .hasMessage("--rounds needs a value");
        assertThatThrownBy(() -> FailoverOptions.parse("--max-surge", "1"))
                .hasMessage("unknown option '--max-surge'");
    }
}
