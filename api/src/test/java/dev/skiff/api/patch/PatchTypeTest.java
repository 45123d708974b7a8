package dev.skiff.api.patch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatchTypeTest {

    @Test
    void fromContentType() {
        assertThat(PatchType.fromContentType("application/json-patch+json")).contains(PatchType.JSON_PATCH);
        assertThat(PatchType.fromContentType("application/merge-patch+json")).contains(PatchType.MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/strategic-merge-patch+json"))
                .contains(PatchType.STRATEGIC_MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/apply-patch+yaml")).contains(PatchType.APPLY);
    }

    @Test
    void ignoresParametersCaseAndSpaces() {
        assertThat(PatchType.fromContentType("application/merge-patch+json; charset=utf-8"))
                .contains(PatchType.MERGE_PATCH);
        assertThat(PatchType.fromContentType(" Application/JSON-Patch+JSON ;charset=UTF-8"))
                .contains(PatchType.JSON_PATCH);
    }

    @Test
    void otherTypesAreNotPatches() {
        assertThat(PatchType.fromContentType("application/json")).isEmpty();
        assertThat(PatchType.fromContentType("")).isEmpty();
        assertThat(PatchType.fromContentType(null)).isEmpty();
    }

    @Test
    void contentType() {
        assertThat(PatchType.STRATEGIC_MERGE_PATCH.contentType()).isEqualTo("application/strategic-merge-patch+json");
    }
}
