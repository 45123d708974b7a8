package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EvictionTimeTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Taint UNREACHABLE = taint(Taints.UNREACHABLE, "NoExecute");
    private static final Taint NOT_READY = taint(Taints.NOT_READY, "NoExecute");
    private static final Map<String, Instant> ADDED = Map.of(
            Taints.UNREACHABLE, NOW.minusSeconds(10),
            Taints.NOT_READY, NOW.minusSeconds(2),
            "dedicated", NOW.minusSeconds(100));

    @Test
    void anUntoleratedTaintEvictsNow() {
        assertThat(evictAt(List.of(UNREACHABLE), List.of())).contains(NOW);
        assertThat(evictAt(List.of(UNREACHABLE, taint("dedicated", "NoExecute")), List.of(forSeconds(Taints.UNREACHABLE, 60L))))
                .contains(NOW);
    }

    @Test
    void aToleratedTaintEvictsWhenItsSecondsSinceItWasAddedRunOut() {
        assertThat(evictAt(List.of(UNREACHABLE), List.of(forSeconds(Taints.UNREACHABLE, 30L)))).contains(NOW.plusSeconds(20));
        assertThat(evictAt(List.of(UNREACHABLE), List.of(forSeconds(Taints.UNREACHABLE, 5L)))).contains(NOW.minusSeconds(5));
    }

    @Test
    void theEarliestOfSeveralTaintsCounts() {
        assertThat(evictAt(List.of(UNREACHABLE, NOT_READY),
                List.of(forSeconds(Taints.UNREACHABLE, 30L), forSeconds(Taints.NOT_READY, 5L)))).contains(NOW.plusSeconds(3));
    }

    @Test
    void aTolerationWithoutSecondsKeepsThePodForever() {
        assertThat(evictAt(List.of(UNREACHABLE), List.of(forSeconds(Taints.UNREACHABLE, null)))).isEmpty();
        assertThat(evictAt(List.of(UNREACHABLE, NOT_READY),
                List.of(forSeconds(Taints.UNREACHABLE, null), forSeconds(Taints.NOT_READY, 5L)))).contains(NOW.plusSeconds(3));
    }

    @Test
    void zeroOrNegativeSecondsEvictAsSoonAsTheTaintIsThere() {
        assertThat(evictAt(List.of(NOT_READY), List.of(forSeconds(Taints.NOT_READY, 0L)))).contains(NOW.minusSeconds(2));
        assertThat(evictAt(List.of(NOT_READY), List.of(forSeconds(Taints.NOT_READY, -5L)))).contains(NOW.minusSeconds(2));
    }

    @Test
    void theFirstTolerationThatMatchesATaintIsTheOneUsed() {
        Toleration everythingFor15Seconds = new TolerationBuilder().withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(15L).build();
        assertThat(evictAt(List.of(UNREACHABLE), List.of(everythingFor15Seconds, forSeconds(Taints.UNREACHABLE, null))))
                .contains(NOW.plusSeconds(5));
    }

    @Test
    void taintsWithOtherEffectsAreNotLookedAt() {
        assertThat(evictAt(List.of(taint(Taints.UNREACHABLE, "NoSchedule"), taint("dedicated", "PreferNoSchedule")), List.of()))
                .isEmpty();
        assertThat(evictAt(List.of(), List.of())).isEmpty();
    }

    private static Optional<Instant> evictAt(List<Taint> taints, List<Toleration> tolerations) {
        return EvictionTime.of(taints, tolerations, taint -> ADDED.get(taint.getKey()), NOW);
    }

    private static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }

    private static Toleration forSeconds(String key, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(seconds).build();
    }
}
