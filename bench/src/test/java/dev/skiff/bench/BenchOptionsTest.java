package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsMeasureBothBackends() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.pods()).isEqualTo(5000);
        assertThat(options.concurrency()).isEqualTo(32);
        assertThat(options.warmUp()).isEqualTo(10000);
        assertThat(options.backends()).containsExactly(Backend.EMBEDDED, Backend.ETCD);
        assertThat(options.portBase()).isEmpty();
        assertThat(options.apiServerJvm()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        BenchOptions options = BenchOptions.parse("--pods", "500", "--concurrency", "8", "--warm-up", "0",
                "--backends", "etcd", "--port-base", "20000", "--api-server-jvm", " -XX:TieredStopAtLevel=1  -Xmx1g ");

        assertThat(options.pods()).isEqualTo(500);
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.warmUp()).isZero();
        assertThat(options.backends()).isEqualTo(EnumSet.of(Backend.ETCD));
        assertThat(options.portBase()).isEqualTo(OptionalInt.of(20000));
        assertThat(options.apiServerJvm()).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx1g");
    }

    @Test
    void backendsKeepTheirDeclarationOrder() {
        assertThat(BenchOptions.parse("--backends", "etcd, embedded").backends())
                .containsExactly(Backend.EMBEDDED, Backend.ETCD);
    }

    @Test
    void helpIsRecognised() {
        assertThat(BenchOptions.parse("--pods", "10", "--help").help()).isTrue();
    }

    @Test
    void rejectsBadInputWithTheReason() {
        assertThatThrownBy(() -> BenchOptions.parse("--pods", "0"))
                .hasMessage("--pods needs a whole number from 1 to 2147483647, got '0'");
        assertThatThrownBy(() -> BenchOptions.parse("--concurrency", "many"))
                .hasMessageContaining("--concurrency needs a whole number");
        assertThatThrownBy(() -> BenchOptions.parse("--backends", "embedded,sqlite"))
                .hasMessage("unknown backend 'sqlite': the backends are embedded, etcd");
        assertThatThrownBy(() -> BenchOptions.parse("--pods"))
                .hasMessage("--pods needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--nodes", "3"))
                .hasMessage("unknown option '--nodes'");
    }
}
