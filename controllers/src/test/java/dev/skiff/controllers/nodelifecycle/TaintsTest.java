package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaintsTest {

    private static final Taint UNREACHABLE = new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute").build();
    private static final Taint DEDICATED = new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoExecute").build();

    @Test
    void existsMatchesTheKeyWhateverTheValue() {
        assertThat(Taints.tolerates(toleration(Taints.UNREACHABLE, "Exists", null, "NoExecute"), UNREACHABLE)).isTrue();
        assertThat(Taints.tolerates(toleration("dedicated", "Exists", null, "NoExecute"), DEDICATED)).isTrue();
        assertThat(Taints.tolerates(toleration(Taints.NOT_READY, "Exists", null, "NoExecute"), UNREACHABLE)).isFalse();
    }

    @Test
    void equalOrNoOperatorNeedsTheSameValue() {
        assertThat(Taints.tolerates(toleration("dedicated", "Equal", "gpu", "NoExecute"), DEDICATED)).isTrue();
        assertThat(Taints.tolerates(toleration("dedicated", null, "gpu", "NoExecute"), DEDICATED)).isTrue();
        assertThat(Taints.tolerates(toleration("dedicated", "Equal", "cpu", "NoExecute"), DEDICATED)).isFalse();
        assertThat(Taints.tolerates(toleration(Taints.UNREACHABLE, "Equal", null, "NoExecute"), UNREACHABLE)).isTrue();
    }

    @Test
    void anEmptyEffectOrKeyMatchesAll() {
        assertThat(Taints.tolerates(toleration(Taints.UNREACHABLE, "Exists", null, null), UNREACHABLE)).isTrue();
        assertThat(Taints.tolerates(toleration(null, "Exists", null, null), DEDICATED)).isTrue();
        assertThat(Taints.tolerates(toleration(Taints.UNREACHABLE, "Exists", null, "NoSchedule"), UNREACHABLE)).isFalse();
    }

    @Test
    void hasFindsAKeyWithItsEffect() {
        assertThat(Taints.has(List.of(UNREACHABLE), Taints.UNREACHABLE, "NoExecute")).isTrue();
        assertThat(Taints.has(List.of(UNREACHABLE), Taints.UNREACHABLE, "NoSchedule")).isFalse();
        assertThat(Taints.has(null, Taints.UNREACHABLE, "NoExecute")).isFalse();
    }

    static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value).withEffect(effect).build();
    }
}
