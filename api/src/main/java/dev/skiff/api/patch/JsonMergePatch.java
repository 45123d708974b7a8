package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * The target with the patch applied, as a new tree; neither input is changed. A null target
     * is treated as absent. Any JSON value is a valid merge patch.
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(patch, "patch");
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        return merge(target == null ? null : target.deepCopy(), patch);
    }

    /** Merges into {@code target}, which is a copy owned by this patch and may be changed. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
