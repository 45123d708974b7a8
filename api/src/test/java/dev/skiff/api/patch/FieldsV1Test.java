package dev.skiff.api.patch;

import static dev.skiff.api.patch.ManagedFieldsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsV1Test {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");
    private static final FieldPath CONTAINER = SPEC.field("containers").keyed("name", TextNode.valueOf("web"));
    private static final FieldPath IMAGE = CONTAINER.field("image");

    @Test
    void readsBackWhatItWrites() {
        ObjectNode tree = (ObjectNode) json("""
                f:metadata: {f:finalizers: {v:"a": {}}}
                f:spec:
                  f:template:
                    f:spec:
                      f:containers:
                        k:{"name":"main"}:
                          .: {}
                          f:image: {}
                """);

        assertThat(FieldsV1.tree(FieldsV1.paths(tree))).isEqualTo(tree);
        assertThat(FieldsV1.paths(tree)).extracting(FieldPath::toString).containsExactly(
                ".metadata.finalizers[=\"a\"]", ".spec.template.spec.containers[name=\"main\"]",
                ".spec.template.spec.containers[name=\"main\"].image");
    }

    @Test
    void aPathWithPathsUnderItIsMarkedFirstInItsNode() {
        ObjectNode tree = FieldsV1.tree(List.of(IMAGE));
        assertThat(FieldsV1.contains(tree, CONTAINER)).isFalse();
        assertThat(FieldsV1.containsOrUnder(tree, CONTAINER)).isTrue();

        FieldsV1.add(tree, CONTAINER);

        assertThat(tree).isEqualTo(json("""
                f:spec: {f:containers: {'k:{"name":"web"}': {.: {}, f:image: {}}}}
                """));
        assertThat(tree.at("/f:spec/f:containers/k:{\"name\":\"web\"}").fieldNames().next()).isEqualTo(".");
        assertThat(FieldsV1.contains(tree, CONTAINER)).isTrue();
    }

    @Test
    void aLeafThatGetsPathsUnderItKeepsItsMark() {
        ObjectNode tree = FieldsV1.tree(List.of(CONTAINER));
        assertThat(tree).isEqualTo(json("""
                f:spec: {f:containers: {'k:{"name":"web"}': {}}}
                """));

        FieldsV1.add(tree, IMAGE);

        assertThat(FieldsV1.paths(tree)).containsExactly(CONTAINER, IMAGE);
    }

    @Test
    void removingAPathKeepsThePathsUnderItAndDropsNodesNoPathNeeds() {
        ObjectNode tree = FieldsV1.tree(List.of(CONTAINER, IMAGE, SPEC.field("replicas")));

        FieldsV1.remove(tree, CONTAINER);
        assertThat(FieldsV1.paths(tree)).containsExactly(IMAGE, SPEC.field("replicas"));

        FieldsV1.remove(tree, IMAGE);
        assertThat(tree).isEqualTo(json("f:spec: {f:replicas: {}}"));

        FieldsV1.remove(tree, SPEC.field("replicas"));
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void removingTheLastPathUnderAMarkedNodeLeavesItALeaf() {
        ObjectNode tree = FieldsV1.tree(List.of(CONTAINER, IMAGE));

        FieldsV1.remove(tree, IMAGE);

        assertThat(tree).isEqualTo(json("""
                f:spec: {f:containers: {'k:{"name":"web"}': {}}}
                """));
        FieldsV1.remove(tree, SPEC.field("missing"));
        assertThat(FieldsV1.paths(tree)).containsExactly(CONTAINER);
    }
}
