package dev.skiff.apiserver.relay;

import dev.skiff.apiserver.config.SkiffConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRelaySettingsTest {

    private record Settings(Duration leaseDuration, Duration checkpointInterval, Duration retryBackoff,
                            Duration stallTimeout) implements SkiffConfig.RelayConfig {
    }

    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void positiveDurationsAreAccepted() {
        assertThatCode(() -> EventRelay.checkSettings(new Settings(Duration.ofSeconds(15), Duration.ofMillis(200), S, S)))
                .doesNotThrowAnyException();
    }

    @Test
    void aZeroOrNegativeDurationIsRefusedByName() {
        assertThatThrownBy(() -> EventRelay.checkSettings(new Settings(S, S, S, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("skiff.relay.stall-timeout must be positive, got PT0S");
        assertThatThrownBy(() -> EventRelay.checkSettings(new Settings(S, Duration.ofMillis(-5), S, S)))
                .hasMessage("skiff.relay.checkpoint-interval must be positive, got PT-0.005S");
        assertThatThrownBy(() -> EventRelay.checkSettings(new Settings(Duration.ZERO, S, S, S)))
                .hasMessageContaining("skiff.relay.lease-duration");
        assertThatThrownBy(() -> EventRelay.checkSettings(new Settings(S, S, Duration.ofSeconds(-1), S)))
                .hasMessageContaining("skiff.relay.retry-backoff");
    }
}
