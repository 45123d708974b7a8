package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodStartOptionsTest {

    @Test
    void defaultsAreFiftyPodsAtOnceInThreeRounds() {
        PodStartOptions options = PodStartOptions.parse();

        assertThat(options.pods()).isEqualTo(50);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.concurrency()).isEqualTo(50);
        assertThat(options.kubeletJvm()).isEmpty();
        assertThat(options.apiServerJvm()).isEmpty();
        assertThat(options.settle()).isEqualTo(5);
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOptionAndLaterJvmOptionsReplaceTheLaunchers() {
        // ./skiff bench podstart passes the launcher's JVM options first; the user's come after them
        PodStartOptions options = PodStartOptions.parse("--pods", "5", "--rounds", "1", "--concurrency", "2",
                "--kubelet-jvm", "-Xmx64m", "--api-server-jvm", "-XX:TieredStopAtLevel=1", "--settle", "20",
                "--kubelet-jvm", "-Xmx96m -Xss256k", "--api-server-jvm", "");

        assertThat(options.pods()).isEqualTo(5);
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.concurrency()).isEqualTo(2);
        assertThat(options.kubeletJvm()).containsExactly("-Xmx96m", "-Xss256k");
        assertThat(options.apiServerJvm()).isEmpty();
        assertThat(options.settle()).isEqualTo(20);
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> PodStartOptions.parse("--pods", "0"))
                .hasMessageContaining("--pods needs a whole number from 1 to 500");
        assertThatThrownBy(() -> PodStartOptions.parse("--api-server-jvm"))
                .hasMessageContaining("--api-server-jvm needs a value");
    }
}
