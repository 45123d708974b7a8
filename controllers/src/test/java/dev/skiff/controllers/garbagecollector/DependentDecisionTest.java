package dev.skiff.controllers.garbagecollector;

import dev.skiff.controllers.garbagecollector.DependentDecision.Delete;
import dev.skiff.controllers.garbagecollector.DependentDecision.Keep;
import dev.skiff.controllers.garbagecollector.DependentDecision.RemoveOwnerReferences;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.skiff.controllers.garbagecollector.OwnerState.DANGLING;
import static dev.skiff.controllers.garbagecollector.OwnerState.SOLID;
import static dev.skiff.controllers.garbagecollector.OwnerState.WAITING_FOR_DEPENDENTS_DELETION;
import static org.assertj.core.api.Assertions.assertThat;

class DependentDecisionTest {

    private static Map<String, OwnerState> owners(Object... uidsAndStates) {
        Map<String, OwnerState> owners = new LinkedHashMap<>();
        for (int i = 0; i < uidsAndStates.length; i += 2) {
            owners.put((String) uidsAndStates[i], (OwnerState) uidsAndStates[i + 1]);
        }
        return owners;
    }

    @Test
    void anObjectWhoseOwnersAllHoldIsKept() {
        assertThat(DependentDecision.decide(owners("a", SOLID, "b", SOLID), false, List.of())).isEqualTo(new Keep());
    }

    @Test
    void anObjectWithSomeOwnerLeftOnlyLosesTheOtherReferences() {
        assertThat(DependentDecision.decide(owners("a", SOLID, "b", DANGLING, "c", WAITING_FOR_DEPENDENTS_DELETION), true, List.of()))
                .isEqualTo(new RemoveOwnerReferences(Set.of("b", "c")));
    }

    @Test
    void anObjectWhoseOwnersAreAllGoneIsDeletedInTheBackground() {
        assertThat(DependentDecision.decide(owners("a", DANGLING, "b", DANGLING), true, List.of()))
                .isEqualTo(new Delete("Background"));
    }

    @Test
    void anObjectWithDependentsOfAnOwnerDeletedInTheForegroundIsDeletedInTheForeground() {
        assertThat(DependentDecision.decide(owners("a", WAITING_FOR_DEPENDENTS_DELETION, "b", DANGLING), true, List.of()))
                .isEqualTo(new Delete("Foreground"));
        assertThat(DependentDecision.decide(owners("a", WAITING_FOR_DEPENDENTS_DELETION), false, List.of()))
                .isEqualTo(new Delete("Background"));
    }

    @Test
    void theObjectsOwnFinalizersChooseThePropagation() {
        assertThat(DependentDecision.decide(owners("a", DANGLING), true, List.of("orphan"))).isEqualTo(new Delete("Orphan"));
        assertThat(DependentDecision.decide(owners("a", DANGLING), false, List.of("example.com/x", "foregroundDeletion")))
                .isEqualTo(new Delete("Foreground"));
    }
}
