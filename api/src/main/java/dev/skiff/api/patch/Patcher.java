package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/** Applies a PATCH request's body to an object, by patch type. */
public final class Patcher {

    private Patcher() {
    }

    /**
     * The object with the patch applied, as a new tree; neither input is changed.
     *
     * @param kind the object's kind, e.g. "Pod"; strategic merge patches need it for merge keys
     * @throws PatchException 400 for a body that is not a valid patch of its type (a merge patch
     *                        must be a JSON object, since it patches an object), 422 for a patch
     *                        that does not apply, 415 for {@link PatchType#APPLY} (a server-side
     *                        apply is not a patch of one object: {@link ManagedFields#apply}) and for
     *                        a strategic merge patch of a kind without strategic merge metadata
     */
    public static JsonNode apply(PatchType type, String kind, JsonNode original, JsonNode patch) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(patch, "patch");
        return switch (type) {
            case JSON_PATCH -> JsonPatch.apply(original, patch);
            case MERGE_PATCH -> {
                if (!patch.isObject()) {
                    throw PatchException.invalidPatch("a merge patch of an object must be a JSON object");
                }
                yield JsonMergePatch.apply(original, patch);
            }
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(kind, original, patch);
            case APPLY -> throw PatchException.unsupported("server-side apply is served on objects, not on this subresource");
        };
    }
}
