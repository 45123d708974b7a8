package dev.skiff.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which relists wake a pod's worker. */
class PlegTest {

    @Test
    void aPodToRunIsLookedAtWhenItsContainersChangedEvenWhileItsWorkerSyncs() {
        assertThat(Pleg.triggers(true, true, true, false)).isTrue();
        assertThat(Pleg.triggers(true, true, true, true)).as("an exit may come in the middle of a pass").isTrue();
        assertThat(Pleg.triggers(true, true, false, false)).as("its containers vanished").isTrue();
        assertThat(Pleg.triggers(true, false, true, false)).isFalse();
    }

    @Test
    void anOrphanIsLookedAtWhileItHasContainersAndNoWorkerIsRemovingThem() {
        assertThat(Pleg.triggers(false, false, true, false)).as("a removal that failed is tried again").isTrue();
        assertThat(Pleg.triggers(false, true, true, false)).isTrue();
        assertThat(Pleg.triggers(false, true, true, true)).as("the removal under way changed them").isFalse();
        assertThat(Pleg.triggers(false, false, true, true)).isFalse();
        assertThat(Pleg.triggers(false, true, false, false)).as("its last container is gone").isFalse();
    }
}
