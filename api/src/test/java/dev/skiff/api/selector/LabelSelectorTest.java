package dev.skiff.api.selector;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {

    private static final Map<String, String> WEB_PROD = Map.of("app", "web", "env", "prod", "tier", "frontend");

    @ParameterizedTest(name = "{0} selects app=web,env=prod,tier=frontend: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "app=web                     | true",
            "app==web                    | true",
            "app=db                      | false",
            "app!=db                     | true",
            "app!=web                    | false",
            "missing!=x                  | true",
            "app in (web,db)             | true",
            "app in (db,cache)           | false",
            "missing in (a,b)            | false",
            "app notin (db,cache)        | true",
            "app notin (web)             | false",
            "missing notin (a)           | true",
            "env                         | true",
            "missing                     | false",
            "!missing                    | true",
            "!env                        | false",
            "app=web,env=prod            | true",
            "app=web,env=dev             | false",
            "\"  app = web ,  env in ( prod , dev ) , !canary  \" | true",
    })
    void operators(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(WEB_PROD)).isEqualTo(matches);
    }

    @Test
    void emptyValueMatchesAnEmptyLabel() {
        assertThat(LabelSelector.parse("a=").matches(Map.of("a", ""))).isTrue();
        assertThat(LabelSelector.parse("a=").matches(Map.of())).isFalse();
        assertThat(LabelSelector.parse("a in ()").matches(Map.of("a", ""))).isTrue();
        assertThat(LabelSelector.parse("a in (x,)").matches(Map.of("a", ""))).isTrue();
        assertThat(LabelSelector.parse("a!=").matches(Map.of())).isTrue();
    }

    @Test
    void greaterAndLessThanCompareIntegers() {
        assertThat(LabelSelector.parse("gpus>2").matches(Map.of("gpus", "4"))).isTrue();
        assertThat(LabelSelector.parse("gpus>2").matches(Map.of("gpus", "2"))).isFalse();
        assertThat(LabelSelector.parse("gpus<2").matches(Map.of("gpus", "1"))).isTrue();
        assertThat(LabelSelector.parse("gpus<2").matches(Map.of("gpus", "many"))).isFalse();
        assertThat(LabelSelector.parse("gpus<2").matches(Map.of())).isFalse();
    }

    @Test
    void keywordsAreIdentifiersWhereAValueStands() {
        assertThat(LabelSelector.parse("in=notin").matches(Map.of("in", "notin"))).isTrue();
        assertThat(LabelSelector.parse("x in (in,notin)").matches(Map.of("x", "in"))).isTrue();
    }

    @Test
    void prefixedKeys() {
        LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name=web");
        assertThat(selector.matches(Map.of("app.kubernetes.io/name", "web"))).isTrue();
    }

    @Test
    void nullOrBlankSelectsEverything() {
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
        assertThat(LabelSelector.parse("").isEmpty()).isTrue();
        assertThat(LabelSelector.parse("  ").matches(null)).isTrue();
        assertThat(LabelSelector.everything().matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.everything()).hasToString("");
    }

    @Test
    void nullLabelsAreNoLabels() {
        assertThat(LabelSelector.parse("!app").matches(null)).isTrue();
        assertThat(LabelSelector.parse("app").matches(null)).isFalse();
    }

    @Test
    void canonicalString() {
        LabelSelector selector = LabelSelector.parse("tier in (web, cache, web),!canary, env==prod, z>3, app notin (b,a)");
        assertThat(selector).hasToString("app notin (a,b),!canary,env=prod,tier in (cache,web),z>3");
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector).hasSameHashCodeAs(selector);
        assertThat(LabelSelector.parse("a=1,b=2")).isEqualTo(LabelSelector.parse("b=2, a==1"));
        assertThat(LabelSelector.parse("a=1")).isNotEqualTo(LabelSelector.parse("a!=1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a b         | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
            "a=b c       | found 'c', expected: ',' or 'end of string'",
            "a=b,        | found '', expected: identifier after ','",
            "=a          | found '=', expected: !, identifier, or 'end of string'",
            "!           | unable to parse requirement: found '', expected: identifier",
            "a in        | unable to parse requirement: found '' expected: '('",
            "a in (      | unable to parse requirement: found '', expected: ',', ')' or identifier",
            "a in (b c)  | unable to parse requirement: found 'c', expected: ',' or ')'",
            "a in (b,=   | unable to parse requirement: found '=', expected: ',', or identifier",
            "a=(         | unable to parse requirement: found '(', expected: identifier",
            "!a=b        | found '=', expected: ',' or 'end of string'",
    })
    void syntaxErrors(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void invalidKey() {
        assertThatThrownBy(() -> LabelSelector.parse("a/b/c=d"))
                .isInstanceOf(SelectorException.class)
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must "
                        + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                        + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain "
                        + "prefix and '/' (e.g. 'example.com/MyName')");
        assertThatThrownBy(() -> LabelSelector.parse("Example.com/x"))
                .hasMessageStartingWith("unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": "
                        + "prefix part a lowercase RFC 1123 subdomain must consist of");
        assertThatThrownBy(() -> LabelSelector.parse("-x"))
                .hasMessageStartingWith("unable to parse requirement: <nil>: Invalid value: \"-x\": name part must "
                        + "consist of alphanumeric characters");
        assertThatThrownBy(() -> LabelSelector.parse("x".repeat(64)))
                .hasMessageContaining("name part must be no more than 63 characters");
    }

    @Test
    void invalidValue() {
        assertThatThrownBy(() -> LabelSelector.parse("app=-web"))
                .isInstanceOf(SelectorException.class)
                .hasMessage("unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must "
                        + "be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
                        + "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex "
                        + "used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        assertThatThrownBy(() -> LabelSelector.parse("app in (-a,-b)"))
                .hasMessageStartingWith("unable to parse requirement: [values[0][app]: Invalid value: \"-a\"")
                .hasMessageContaining(", values[1][app]: Invalid value: \"-b\"");
        assertThatThrownBy(() -> LabelSelector.parse("gpus>two"))
                .hasMessage("unable to parse requirement: values[0]: Invalid value: \"two\": for 'Gt', 'Lt' "
                        + "operators, the value must be an integer");
    }

    @Test
    void fromObjectSelector() {
        LabelSelector selector = LabelSelector.from(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app", "web"))
                .addNewMatchExpression().withKey("tier").withOperator("In").withValues("frontend", "cache").endMatchExpression()
                .addNewMatchExpression().withKey("env").withOperator("NotIn").withValues("dev").endMatchExpression()
                .addNewMatchExpression().withKey("team").withOperator("Exists").endMatchExpression()
                .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
                .build());
        assertThat(selector).hasToString("app=web,!canary,env notin (dev),team,tier in (cache,frontend)");
        Map<String, String> labels = new HashMap<>(WEB_PROD);
        labels.put("team", "a");
        assertThat(selector.matches(labels)).isTrue();
        labels.put("canary", "true");
        assertThat(selector.matches(labels)).isFalse();
    }

    @Test
    void nullOrEmptyObjectSelectorSelectsEverything() {
        assertThat(LabelSelector.from(null).isEmpty()).isTrue();
        assertThat(LabelSelector.from(new LabelSelectorBuilder().build()).matches(WEB_PROD)).isTrue();
    }

    @Test
    void invalidObjectSelector() {
        assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("a").withOperator("Equals").withValues("b").endMatchExpression()
                .build()))
                .isInstanceOf(SelectorException.class)
                .hasMessage("\"Equals\" is not a valid label selector operator");
        assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("a").withOperator("In").endMatchExpression().build()))
                .hasMessage("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
        assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("a").withOperator("Exists").withValues("b").endMatchExpression()
                .build()))
                .hasMessage("values: Invalid value: []string{\"b\"}: values set must be empty for exists and does not exist");
        assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("a/b/c", "-x")).build()))
                .hasMessageStartingWith("[key: Invalid value: \"a/b/c\": a qualified name must consist")
                .hasMessageContaining(", values[0][a/b/c]: Invalid value: \"-x\": a valid label must");
    }
}
