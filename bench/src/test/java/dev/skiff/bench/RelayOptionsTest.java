package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayOptionsTest {

    @Test
    void defaultsAimAtAThousandWritesPerSecond() {
        RelayOptions options = RelayOptions.parse();

        assertThat(options.rate()).isEqualTo(1000);
        assertThat(options.seconds()).isEqualTo(30);
        assertThat(options.concurrency()).isEqualTo(32);
        assertThat(options.kafkaLib()).isEqualTo(Path.of("kafka-runtime", "target", "lib"));
        assertThat(options.apiServerJvm()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        RelayOptions options = RelayOptions.parse("--rate", "200", "--seconds", "5", "--concurrency", "4",
                "--kafka-lib", "/opt/kafka/lib", "--api-server-jvm", "-Xmx1g");

        assertThat(options.rate()).isEqualTo(200);
        assertThat(options.seconds()).isEqualTo(5);
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.kafkaLib()).isEqualTo(Path.of("/opt/kafka/lib"));
        assertThat(options.apiServerJvm()).containsExactly("-Xmx1g");
    }

    @Test
    void anApiServerJvmGivenLaterReplacesTheLaunchersEvenWhenEmpty() {
        // ./skiff bench relay passes the launcher's options first; the user's come after them
        assertThat(RelayOptions.parse("--api-server-jvm", "-XX:TieredStopAtLevel=1", "--api-server-jvm", "").apiServerJvm()).isEmpty();
        assertThat(RelayOptions.parse("--api-server-jvm", "", "--api-server-jvm", "-Xmx1g -Xss1m").apiServerJvm())
                .containsExactly("-Xmx1g", "-Xss1m");
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> RelayOptions.parse("--rate", "0"))
                .hasMessageContaining("--rate needs a whole number from 1");
        assertThatThrownBy(() -> RelayOptions.parse("--seconds"))
                .hasMessageContaining("--seconds needs a value");
        assertThatThrownBy(() -> RelayOptions.parse("--burst", "3"))
                .hasMessageContaining("unknown option '--burst'");
    }
}
