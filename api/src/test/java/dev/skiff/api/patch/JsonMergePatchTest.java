package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.skiff.api.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

class JsonMergePatchTest {

    /** The examples of RFC 7386, appendix A. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'a':'b'}             | {'a':'c'}                     | {'a':'c'}",
            "{'a':'b'}             | {'b':'c'}                     | {'a':'b','b':'c'}",
            "{'a':'b'}             | {'a':null}                    | {}",
            "{'a':'b','b':'c'}     | {'a':null}                    | {'b':'c'}",
            "{'a':['b']}           | {'a':'c'}                     | {'a':'c'}",
            "{'a':'c'}             | {'a':['b']}                   | {'a':['b']}",
            "{'a':{'b':'c'}}       | {'a':{'b':'d','c':null}}      | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}     | {'a':[1]}                     | {'a':[1]}",
            "['a','b']             | ['c','d']                     | ['c','d']",
            "{'a':'b'}             | ['c']                         | ['c']",
            "{'a':'foo'}           | null                          | null",
            "{'a':'foo'}           | 'bar'                         | 'bar'",
            "{'e':null}            | {'a':1}                       | {'e':null,'a':1}",
            "[1,2]                 | {'a':'b','c':null}            | {'a':'b'}",
            "{}                    | {'a':{'bb':{'ccc':null}}}     | {'a':{'bb':{}}}",
    })
    void rfc7386Examples(String target, String patch, String result) {
        assertThat(JsonMergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    @Test
    void nullTargetIsAbsent() {
        assertThat(JsonMergePatch.apply(null, json("{'a':{'b':1,'c':null}}"))).isEqualTo(json("{'a':{'b':1}}"));
    }

    @Test
    void inputsAreNotChanged() {
        JsonNode target = json("{'metadata':{'labels':{'a':'1','b':'2'}}}");
        JsonNode patch = json("{'metadata':{'labels':{'a':null,'c':'3'}}}");
        JsonNode result = JsonMergePatch.apply(target, patch);

        assertThat(result).isEqualTo(json("{'metadata':{'labels':{'b':'2','c':'3'}}}"));
        assertThat(target).isEqualTo(json("{'metadata':{'labels':{'a':'1','b':'2'}}}"));
        assertThat(patch).isEqualTo(json("{'metadata':{'labels':{'a':null,'c':'3'}}}"));
        ((ObjectNode) result.get("metadata").get("labels")).put("d", "4");
        assertThat(patch.get("metadata").get("labels").has("d")).isFalse();
    }
}
