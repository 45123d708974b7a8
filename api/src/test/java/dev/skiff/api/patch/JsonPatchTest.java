package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.skiff.api.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPatchTest {

    /** The examples of RFC 6902, appendix A, that succeed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A.1 add an object member   | {'foo':'bar'} "
                    + "| [{'op':'add','path':'/baz','value':'qux'}] "
                    + "| {'baz':'qux','foo':'bar'}",
            "A.2 add an array element   | {'foo':['bar','baz']} "
                    + "| [{'op':'add','path':'/foo/1','value':'qux'}] "
                    + "| {'foo':['bar','qux','baz']}",
            "A.3 remove an object member | {'baz':'qux','foo':'bar'} "
                    + "| [{'op':'remove','path':'/baz'}] "
                    + "| {'foo':'bar'}",
            "A.4 remove an array element | {'foo':['bar','qux','baz']} "
                    + "| [{'op':'remove','path':'/foo/1'}] "
                    + "| {'foo':['bar','baz']}",
            "A.5 replace a value        | {'baz':'qux','foo':'bar'} "
                    + "| [{'op':'replace','path':'/baz','value':'boo'}] "
                    + "| {'baz':'boo','foo':'bar'}",
            "A.6 move a value           | {'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}} "
                    + "| [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}] "
                    + "| {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
            "A.7 move an array element  | {'foo':['all','grass','cows','eat']} "
                    + "| [{'op':'move','from':'/foo/1','path':'/foo/3'}] "
                    + "| {'foo':['all','cows','eat','grass']}",
            "A.8 test a value           | {'baz':'qux','foo':['a',2,'c']} "
                    + "| [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}] "
                    + "| {'baz':'qux','foo':['a',2,'c']}",
            "A.10 add a nested member object | {'foo':'bar'} "
                    + "| [{'op':'add','path':'/child','value':{'grandchild':{}}}] "
                    + "| {'foo':'bar','child':{'grandchild':{}}}",
            "A.11 ignore unrecognized elements | {'foo':'bar'} "
                    + "| [{'op':'add','path':'/baz','value':'qux','xyz':123}] "
                    + "| {'foo':'bar','baz':'qux'}",
            "A.14 ~ escape ordering     | {'/':9,'~1':10} "
                    + "| [{'op':'test','path':'/~01','value':10}] "
                    + "| {'/':9,'~1':10}",
            "A.16 add an array value    | {'foo':['bar']} "
                    + "| [{'op':'add','path':'/foo/-','value':['abc','def']}] "
                    + "| {'foo':['bar',['abc','def']]}",
            "copy                       | {'a':{'b':[1]}} "
                    + "| [{'op':'copy','from':'/a/b','path':'/c'}] "
                    + "| {'a':{'b':[1]},'c':[1]}",
            "replace the whole document | {'a':1} "
                    + "| [{'op':'replace','path':'','value':{'b':2}}] "
                    + "| {'b':2}",
            "escaped label key          | {'metadata':{'labels':{'app.kubernetes.io/name':'web'}}} "
                    + "| [{'op':'remove','path':'/metadata/labels/app.kubernetes.io~1name'}] "
                    + "| {'metadata':{'labels':{}}}",
            "numbers compare by value   | {'replicas':3} "
                    + "| [{'op':'test','path':'/replicas','value':3.0},{'op':'replace','path':'/replicas','value':5}] "
                    + "| {'replicas':5}",
            "move to the same place     | {'a':1} "
                    + "| [{'op':'move','from':'/a','path':'/a'}] "
                    + "| {'a':1}",
    })
    void appliesOperations(String name, String target, String patch, String result) {
        assertThat(JsonPatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    @Test
    void a9FailedTestIsUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'baz':'qux'}"),
                json("[{'op':'test','path':'/baz','value':'bar'}]")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage("testing value /baz failed: test failed");
    }

    @Test
    void a12AddToNonexistentTarget() {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'foo':'bar'}"),
                json("[{'op':'add','path':'/baz/bat','value':'qux'}]")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage("add operation does not apply: doc is missing path: \"/baz/bat\"");
    }

    @Test
    void a15StringsAndNumbersDiffer() {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'/':9,'~1':10}"),
                json("[{'op':'test','path':'/~01','value':'10'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessage("testing value /~01 failed: test failed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "remove a missing member   | [{'op':'remove','path':'/nope'}] "
                    + "| remove operation does not apply: doc is missing path: \"/nope\"",
            "replace a missing member  | [{'op':'replace','path':'/nope','value':1}] "
                    + "| replace operation does not apply: doc is missing path: \"/nope\"",
            "index past the end        | [{'op':'add','path':'/list/3','value':1}] "
                    + "| add operation does not apply: doc is missing path: \"/list/3\"",
            "leading zero index        | [{'op':'replace','path':'/list/01','value':1}] "
                    + "| replace operation does not apply: doc is missing path: \"/list/01\"",
            "dash only adds            | [{'op':'remove','path':'/list/-'}] "
                    + "| remove operation does not apply: doc is missing path: \"/list/-\"",
            "move from a missing path  | [{'op':'move','from':'/nope','path':'/a'}] "
                    + "| move operation does not apply: doc is missing from path: \"/nope\"",
            "copy from a missing path  | [{'op':'copy','from':'/list/9','path':'/a'}] "
                    + "| copy operation does not apply: doc is missing from path: \"/list/9\"",
            "test a missing path       | [{'op':'test','path':'/nope','value':null}] "
                    + "| test operation does not apply: doc is missing path: \"/nope\"",
            "remove the document       | [{'op':'remove','path':''}] "
                    + "| remove operation does not apply: cannot remove the whole document",
            "path through a scalar     | [{'op':'add','path':'/name/x','value':1}] "
                    + "| add operation does not apply: doc is missing path: \"/name/x\"",
    })
    void operationsThatDoNotApply(String name, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'name':'a','list':[1,2]}"), json(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not an array          | {'op':'add','path':'/a','value':1} "
                    + "| a JSON patch must be an array of operations",
            "operation not object  | [1] "
                    + "| a JSON patch operation must be an object: 1",
            "unknown op            | [{'op':'merge','path':'/a'}] "
                    + "| unknown JSON patch operation \"merge\": {\"op\":\"merge\",\"path\":\"/a\"}",
            "missing op            | [{'path':'/a'}] "
                    + "| a JSON patch operation needs a string \"op\": {\"path\":\"/a\"}",
            "missing path          | [{'op':'remove'}] "
                    + "| a JSON patch operation needs a string \"path\": {\"op\":\"remove\"}",
            "missing value         | [{'op':'add','path':'/a'}] "
                    + "| a JSON patch add operation needs a \"value\": {\"op\":\"add\",\"path\":\"/a\"}",
            "missing from          | [{'op':'copy','path':'/a'}] "
                    + "| a JSON patch operation needs a string \"from\": {\"op\":\"copy\",\"path\":\"/a\"}",
            "relative pointer      | [{'op':'remove','path':'a'}] "
                    + "| JSON pointer \"a\" must be empty or start with '/'",
            "bad escape            | [{'op':'remove','path':'/a~2'}] "
                    + "| JSON pointer \"/a~2\" has an invalid escape: '~' must be followed by '0' or '1'",
            "move into own child   | [{'op':'move','from':'/a','path':'/a/b'}] "
                    + "| a JSON patch cannot move \"/a\" into its own child \"/a/b\"",
    })
    void invalidPatches(String name, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'a':{}}"), json(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage(message);
    }

    @Test
    void allOrNothingAndInputsUnchanged() {
        JsonNode target = json("{'spec':{'replicas':1,'paused':false}}");
        JsonNode patch = json("[{'op':'replace','path':'/spec/replicas','value':4},"
                + "{'op':'test','path':'/spec/paused','value':true}]");
        assertThatThrownBy(() -> JsonPatch.apply(target, patch)).isInstanceOf(PatchException.class);
        assertThat(target).isEqualTo(json("{'spec':{'replicas':1,'paused':false}}"));

        JsonNode value = json("[{'op':'add','path':'/spec/list','value':[1]}]");
        JsonNode result = JsonPatch.apply(target, value);
        ((ArrayNode) result.get("spec").get("list")).add(2);
        assertThat(value.get(0).get("value")).isEqualTo(json("[1]"));
        assertThat(target.get("spec").has("list")).isFalse();
    }

    @Test
    void operationsApplyInOrder() {
        JsonNode result = JsonPatch.apply(json("{'metadata':{}}"), json("["
                + "{'op':'add','path':'/metadata/labels','value':{}},"
                + "{'op':'add','path':'/metadata/labels/app','value':'web'},"
                + "{'op':'copy','from':'/metadata/labels','path':'/metadata/annotations'},"
                + "{'op':'move','from':'/metadata/annotations/app','path':'/metadata/annotations/was-app'}]"));
        assertThat(result).isEqualTo(json("{'metadata':{'labels':{'app':'web'},'annotations':{'was-app':'web'}}}"));
    }
}
