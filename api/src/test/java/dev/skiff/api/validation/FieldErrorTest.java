package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldErrorTest {

    @Test
    void rendersValuesAsKubernetesPrintsThem() {
        assertThat(FieldError.invalid("f", "a\"b", "bad").toString()).isEqualTo("f: Invalid value: \"a\\\"b\": bad");
        assertThat(FieldError.invalid("f", 3, "bad").toString()).isEqualTo("f: Invalid value: 3: bad");
        assertThat(FieldError.invalid("f", Map.of("b", "2", "a", "1"), "bad").toString())
                .isEqualTo("f: Invalid value: map[string]string{\"a\":\"1\", \"b\":\"2\"}: bad");
        assertThat(FieldError.invalid("f", List.of("x", "y"), "bad").toString())
                .isEqualTo("f: Invalid value: []string{\"x\", \"y\"}: bad");
        LabelSelector selector = new LabelSelector(List.of(), Map.of("app", "web"));
        assertThat(FieldError.invalid("f", selector, "bad").toString())
                .isEqualTo("f: Invalid value: {\"matchLabels\":{\"app\":\"web\"}}: bad");
    }

    @Test
    void notFoundShowsTheValueAndTooLongTheLimit() {
        assertThat(FieldError.notFound("f", "data").toString()).isEqualTo("f: Not found: \"data\"");
        assertThat(FieldError.tooLong("f",
                262144).toString()).isEqualTo("f: Too long: may not be more than 262144 bytes");
    }
}
