package dev.skiff.controllers.podgc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrphanQuarantineTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private final OrphanQuarantine quarantine = new OrphanQuarantine(Duration.ofSeconds(40));

    @Test
    void aNodeIsGoneOnlyAfterMissingForTheQuarantine() {
        assertThat(quarantine.missingLongEnough(Set.of("a"), T0)).isEmpty();
        assertThat(quarantine.missingLongEnough(Set.of("a", "b"), T0.plusSeconds(20))).isEmpty();
        assertThat(quarantine.missingLongEnough(Set.of("a", "b"), T0.plusSeconds(40))).containsExactly("a");
        assertThat(quarantine.missingLongEnough(Set.of("a", "b"), T0.plusSeconds(60))).containsExactly("a", "b");
    }

    @Test
    void aNodeThatTurnsUpLeavesTheQuarantine() {
        quarantine.missingLongEnough(Set.of("a"), T0);
        quarantine.missingLongEnough(Set.of(), T0.plusSeconds(20));
        assertThat(quarantine.missingLongEnough(Set.of("a"), T0.plusSeconds(50))).isEmpty();
        assertThat(quarantine.missingLongEnough(Set.of("a"), T0.plusSeconds(90))).containsExactly("a");
    }

    @Test
    void aRestartedQuarantineCountsAgain() {
        quarantine.missingLongEnough(Set.of("a"), T0);
        quarantine.restart("a", T0.plusSeconds(45));
        assertThat(quarantine.missingLongEnough(Set.of("a"), T0.plusSeconds(50))).isEmpty();
        assertThat(quarantine.missingLongEnough(Set.of("a"), T0.plusSeconds(85))).containsExactly("a");
    }
}
