package dev.skiff.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

class TolerationsTest {

    private static final String UNREACHABLE_KEY = "node.kubernetes.io/unreachable";
    private static final Taint UNREACHABLE = new TaintBuilder().withKey(UNREACHABLE_KEY).withEffect("NoExecute").build();
    private static final Taint DEDICATED = new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoExecute").build();

    @Test
    void existsMatchesTheKeyWhateverTheValue() {
        assertThat(Tolerations.tolerates(toleration(UNREACHABLE_KEY, "Exists", null, "NoExecute"), UNREACHABLE)).isTrue();
        assertThat(Tolerations.tolerates(toleration("dedicated", "Exists", null, "NoExecute"), DEDICATED)).isTrue();
        assertThat(Tolerations.tolerates(toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute"), UNREACHABLE)).isFalse();
    }

    @Test
    void equalOrNoOperatorNeedsTheSameValue() {
        assertThat(Tolerations.tolerates(toleration("dedicated", "Equal", "gpu", "NoExecute"), DEDICATED)).isTrue();
        assertThat(Tolerations.tolerates(toleration("dedicated", null, "gpu", "NoExecute"), DEDICATED)).isTrue();
        assertThat(Tolerations.tolerates(toleration("dedicated", "Equal", "cpu", "NoExecute"), DEDICATED)).isFalse();
        assertThat(Tolerations.tolerates(toleration(UNREACHABLE_KEY, "Equal", null, "NoExecute"), UNREACHABLE)).isTrue();
    }

    @Test
    void anEmptyEffectOrKeyMatchesAll() {
        assertThat(Tolerations.tolerates(toleration(UNREACHABLE_KEY, "Exists", null, null), UNREACHABLE)).isTrue();
        assertThat(Tolerations.tolerates(toleration(null, "Exists", null, null), DEDICATED)).isTrue();
        assertThat(Tolerations.tolerates(toleration(UNREACHABLE_KEY, "Exists", null, "NoSchedule"), UNREACHABLE)).isFalse();
    }

    private static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value).withEffect(effect).build();
    }
}
