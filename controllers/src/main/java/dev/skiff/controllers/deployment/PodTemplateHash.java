package dev.skiff.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code pod-template-hash} of a Deployment's pod template, which names its ReplicaSets
 * ({@code <deployment>-<hash>}) and labels their pods: FNV-1a (32 bits) over the template's
 * canonical JSON (keys sorted), followed by the collision count as four little-endian bytes when
 * there is one, as Kubernetes' {@code ComputeHash}; the number's decimal digits are then spelled
 * with Kubernetes' safe alphabet (no vowels, no 0, 1, 3), so the same template always gives the same
 * short string.
 */
public final class PodTemplateHash {

    /** The label (on ReplicaSets, their selectors, templates and pods) that carries the hash. */
    public static final String LABEL = "pod-template-hash";

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {
    }

    /** The hash of the template (as the Deployment holds it) with the Deployment's collision count (may be null). */
    public static String compute(PodTemplateSpec template, Integer collisionCount) {
        int hash = FNV_OFFSET;
        for (byte b : canonicalJson(template).getBytes(StandardCharsets.UTF_8)) {
            hash = fnv(hash, b);
        }
        if (collisionCount != null) {
            int count = collisionCount;
            for (int shift = 0; shift < 32; shift += 8) {
                hash = fnv(hash, (byte) (count >>> shift));
            }
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Whether two templates are the same but for the {@code pod-template-hash} label. */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return canonical(withoutHash(a)).equals(canonical(withoutHash(b)));
    }

    /** The template without the {@code pod-template-hash} label (a copy). */
    public static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template == null ? new PodTemplateSpec() : template).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(LABEL);
        }
        return copy;
    }

    /** Kubernetes' {@code rand.SafeEncodeString}: each character mapped into the safe alphabet by its code. */
    static String safeEncode(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            encoded.append(SAFE_ALPHABET.charAt(value.charAt(i) % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }

    static String canonicalJson(PodTemplateSpec template) {
        return canonical(template).toString();
    }

    private static JsonNode canonical(PodTemplateSpec template) {
        return sorted(Json.MAPPER.valueToTree(template == null ? new PodTemplateSpec() : template));
    }

    /** The tree with object keys in order and null fields left out. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            ObjectNode result = Json.MAPPER.createObjectNode();
            for (String name : names) {
                JsonNode value = node.get(name);
                if (!value.isNull()) {
                    result.set(name, sorted(value));
                }
            }
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = Json.MAPPER.createArrayNode();
            node.forEach(item -> result.add(sorted(item)));
            return result;
        }
        return node;
    }

    private static int fnv(int hash, byte b) {
        return (hash ^ (b & 0xff)) * FNV_PRIME;
    }
}
