package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

class LabelValidationTest {

    @Test
    void selectorsCheckLabelsAndExpressions() {
        LabelSelector good = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
                .addNewMatchExpression().withKey("tier").withOperator("In").withValues("a", "b").endMatchExpression()
                .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression().build();
        assertThat(LabelValidation.validateSelector(good, "spec.selector")).isEmpty();
        LabelSelector bad = new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("tier").withOperator("In").endMatchExpression()
                .addNewMatchExpression().withKey("x").withOperator("Exists").withValues("v").endMatchExpression()
                .addNewMatchExpression().withKey("y").withOperator("Has").endMatchExpression()
                .addNewMatchExpression().withKey("z").withOperator("NotIn").withValues("bad value").endMatchExpression()
                .build();
        assertThat(render(LabelValidation.validateSelector(bad, "spec.selector"))).satisfiesExactly(
                e -> assertThat(e).isEqualTo("spec.selector.matchExpressions[0].values: Required value: must be "
                        + "specified when `operator` is 'In' or 'NotIn'"),
                e -> assertThat(e).isEqualTo("spec.selector.matchExpressions[1].values: Forbidden: may not be "
                        + "specified when `operator` is 'Exists' or 'DoesNotExist'"),
                e -> assertThat(e).isEqualTo("spec.selector.matchExpressions[2].operator: Invalid value: \"Has\": "
                        + "not a valid selector operator"),
                e -> assertThat(e).startsWith("spec.selector.matchExpressions[3].values[0]: Invalid value: \"bad value\""));
    }
}
