package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.patch.Trees.json;
import static dev.skiff.api.patch.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatcherTest {

    private static final JsonNode DEPLOYMENT = yaml("""
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: frontend}
              annotations: {note: old}
            spec:
              replicas: 2
              template:
                spec:
                  containers: [{name: a, image: x}, {name: b, image: y}]
            """);

    @Test
    void jsonPatch() {
        JsonNode result = Patcher.apply(PatchType.JSON_PATCH, "Deployment", DEPLOYMENT,
                json("[{'op':'replace','path':'/spec/replicas','value':4}]"));
        assertThat(result.at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void mergePatchReplacesLists() {
        JsonNode result = Patcher.apply(PatchType.MERGE_PATCH, "Deployment", DEPLOYMENT,
                json("{'spec':{'template':{'spec':{'containers':[{'name':'b','image':'z'}]}}}}"));
        assertThat(result.at("/spec/template/spec/containers")).isEqualTo(json("[{'name':'b','image':'z'}]"));
    }

    @Test
    void strategicMergePatchMergesLists() {
        JsonNode result = Patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, "Deployment", DEPLOYMENT,
                json("{'spec':{'template':{'spec':{'containers':[{'name':'b','image':'z'}]}}}}"));
        assertThat(result.at("/spec/template/spec/containers"))
                .isEqualTo(json("[{'name':'a','image':'x'},{'name':'b','image':'z'}]"));
    }

    @Test
    void kubectlLabelSendsAMergePatch() {
        JsonNode result = Patcher.apply(PatchType.MERGE_PATCH, "Deployment", DEPLOYMENT,
                json("{'metadata':{'labels':{'env':'prod','tier':null}}}"));
        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web','env':'prod'}"));
    }

    @Test
    void kubectlAnnotateSendsAMergePatch() {
        JsonNode result = Patcher.apply(PatchType.MERGE_PATCH, "Deployment", DEPLOYMENT,
                json("{'metadata':{'annotations':{'note':'new','owner':'team-a'},'resourceVersion':'7'}}"));
        assertThat(result.at("/metadata/annotations")).isEqualTo(json("{'note':'new','owner':'team-a'}"));
        assertThat(result.at("/metadata/resourceVersion").asText()).isEqualTo("7");
    }

    @Test
    void kubectlScaleSendsAMergePatch() {
        JsonNode result = Patcher.apply(PatchType.MERGE_PATCH, "Scale",
                yaml("{kind: Scale, metadata: {name: web}, spec: {replicas: 2}, status: {replicas: 2}}"),
                json("{'spec':{'replicas':5}}"));
        assertThat(result).isEqualTo(yaml("{kind: Scale, metadata: {name: web}, spec: {replicas: 5}, status: {replicas: 2}}"));
    }

    @Test
    void mergePatchOfAnObjectMustBeAnObject() {
        assertThatThrownBy(() -> Patcher.apply(PatchType.MERGE_PATCH, "Deployment", DEPLOYMENT, json("[1]")))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                })
                .hasMessage("a merge patch of an object must be a JSON object");
    }

    @Test
    void applyIsNotAPatchOfOneObject() {
        assertThatThrownBy(() -> Patcher.apply(PatchType.APPLY, "Deployment", DEPLOYMENT, json("{}")))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.toStatus().getReason()).isEqualTo("UnsupportedMediaType");
                })
                .hasMessage("server-side apply is served on objects, not on this subresource");
    }

    @Test
    void unprocessablePatchesRenderAsInvalid() {
        assertThatThrownBy(() -> Patcher.apply(PatchType.JSON_PATCH, "Deployment", DEPLOYMENT,
                json("[{'op':'test','path':'/spec/replicas','value':3}]")))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.toStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.toStatus().getMessage()).isEqualTo("testing value /spec/replicas failed: test failed");
                });
    }
}
