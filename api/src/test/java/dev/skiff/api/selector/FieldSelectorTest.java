package dev.skiff.api.selector;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldSelectorTest {

    private static final Map<String, String> POD = Map.of(
            "metadata.name", "web-1", "metadata.namespace", "default", "status.phase", "Running", "spec.nodeName", "");

    @Test
    void equalityAndInequality() {
        assertThat(FieldSelector.parse("status.phase=Running").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase==Running").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase=Pending").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("status.phase!=Pending").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase!=Running").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("status.phase=Running,metadata.name=web-1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase=Running,metadata.name=web-2").matches(POD)).isFalse();
    }

    @Test
    void emptyValueMatchesAnUnsetField() {
        assertThat(FieldSelector.parse("spec.nodeName=").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName!=").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("spec.schedulerName=").matches(POD)).isTrue();
    }

    @Test
    void escapedValues() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c\\\\d");
        assertThat(selector.matches(Map.of("metadata.name", "a,b=c\\d"))).isTrue();
        assertThat(selector.fieldNames()).containsExactly("metadata.name");
        assertThat(selector).hasToString("metadata.name=a\\,b\\=c\\\\d");
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
    }

    @Test
    void fieldNames() {
        assertThat(FieldSelector.parse("status.phase=Running,spec.nodeName!=n1,status.phase!=Failed").fieldNames())
                .isEqualTo(Set.of("status.phase", "spec.nodeName"));
    }

    @Test
    void emptySelectsEverything() {
        assertThat(FieldSelector.parse(null).isEmpty()).isTrue();
        assertThat(FieldSelector.parse("").isEmpty()).isTrue();
        assertThat(FieldSelector.parse(",,").isEmpty()).isTrue();
        assertThat(FieldSelector.everything().matches(null)).isTrue();
        assertThat(FieldSelector.everything().fieldNames()).isEmpty();
    }

    @Test
    void canonicalString() {
        assertThat(FieldSelector.parse("status.phase==Running,,metadata.name!=a"))
                .hasToString("metadata.name!=a,status.phase=Running")
                .isEqualTo(FieldSelector.parse("metadata.name!=a,status.phase=Running"));
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> FieldSelector.parse("status.phase"))
                .isInstanceOf(SelectorException.class)
                .hasMessage("invalid selector: 'status.phase'; can't understand 'status.phase'");
        assertThatThrownBy(() -> FieldSelector.parse("a=b,c"))
                .hasMessage("invalid selector: 'a=b,c'; can't understand 'c'");
        assertThatThrownBy(() -> FieldSelector.parse("a=b=c"))
                .hasMessage("invalid field selector: unescaped character in value: =");
        assertThatThrownBy(() -> FieldSelector.parse("a=b\\x"))
                .hasMessage("invalid field selector: invalid escape sequence: \\x");
        assertThatThrownBy(() -> FieldSelector.parse("a=b\\"))
                .hasMessage("invalid field selector: invalid escape sequence: \\");
    }
}
