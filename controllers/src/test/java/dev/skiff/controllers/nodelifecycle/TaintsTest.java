package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaintsTest {

    private static final Taint UNREACHABLE = new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute").build();

    @Test
    void hasFindsAKeyWithItsEffect() {
        assertThat(Taints.has(List.of(UNREACHABLE), Taints.UNREACHABLE, "NoExecute")).isTrue();
        assertThat(Taints.has(List.of(UNREACHABLE), Taints.UNREACHABLE, "NoSchedule")).isFalse();
        assertThat(Taints.has(null, Taints.UNREACHABLE, "NoExecute")).isFalse();
    }
}
