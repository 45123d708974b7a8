package dev.skiff.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerOptionsTest {

    @Test
    void defaultsAreAHundredNodesAndAThousandPodsThroughKafkaOnEtcd() {
        SchedulerOptions options = SchedulerOptions.parse();

        assertThat(options.nodes()).isEqualTo(100);
        assertThat(options.pods()).isEqualTo(1000);
        assertThat(options.warmUp()).isEqualTo(10000);
        assertThat(options.store()).isEqualTo(Backend.ETCD);
        assertThat(options.kafka()).isTrue();
        assertThat(options.profileDir()).isEmpty();
        assertThat(options.apiServerJvm()).isEmpty();
        assertThat(options.schedulerJvm()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        SchedulerOptions options = SchedulerOptions.parse("--nodes", "5000", "--pods", "10000", "--warm-up", "0",
                "--concurrency", "8", "--store", "embedded", "--source", "watch", "--profile", "/tmp/jfr",
                "--kafka-lib", "/opt/kafka/lib", "--api-server-jvm", "-Xmx1g", "--scheduler-jvm", " -XX:TieredStopAtLevel=1 -Xss1m ");

        assertThat(options.nodes()).isEqualTo(5000);
        assertThat(options.pods()).isEqualTo(10000);
        assertThat(options.warmUp()).isZero();
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.store()).isEqualTo(Backend.EMBEDDED);
        assertThat(options.kafka()).isFalse();
        assertThat(options.profileDir()).contains(Path.of("/tmp/jfr"));
        assertThat(options.kafkaLib()).isEqualTo(Path.of("/opt/kafka/lib"));
        assertThat(options.apiServerJvm()).containsExactly("-Xmx1g");
        assertThat(options.schedulerJvm()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss1m");
    }

    @Test
    void jvmOptionsGivenLaterReplaceTheLaunchers() {
        // ./skiff bench scheduler passes the launcher's options first; the user's come after them
        SchedulerOptions options = SchedulerOptions.parse("--api-server-jvm", "-XX:TieredStopAtLevel=1",
                "--scheduler-jvm", "-XX:TieredStopAtLevel=1", "--scheduler-jvm", "");

        assertThat(options.apiServerJvm()).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(options.schedulerJvm()).isEmpty();
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> SchedulerOptions.parse("--source", "disk"))
                .hasMessageContaining("--source is kafka or watch, got 'disk'");
        assertThatThrownBy(() -> SchedulerOptions.parse("--store", "embedded"))
                .hasMessageContaining("--source kafka needs --store etcd");
        assertThatThrownBy(() -> SchedulerOptions.parse("--scheduler-jvm"))
                .hasMessageContaining("--scheduler-jvm needs a value");
    }
}
