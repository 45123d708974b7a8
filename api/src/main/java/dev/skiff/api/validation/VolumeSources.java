package dev.skiff.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;

/** The sources a volume names (emptyDir, secret, hostPath, ...): a valid volume has exactly one. */
public final class VolumeSources {

    private VolumeSources() {
    }

    /** The JSON names of the volume's source fields that are set; fields unknown to the model do not count. */
    public static List<String> of(Volume volume) {
        JsonNode tree = Json.MAPPER.valueToTree(volume);
        List<String> sources = new ArrayList<>();
        tree.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !volume.getAdditionalProperties().containsKey(field)) {
                sources.add(field);
            }
        });
        return sources;
    }
}
