package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-safe reads from an object's JSON tree, with Go's zero values for absent fields. */
final class Fields {

    private Fields() {
    }

    /** The node at the given field path, or a missing node. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node == null ? MissingNode.getInstance() : node;
        for (String p : path) {
            cur = cur.path(p);
        }
        return cur;
    }

    /** The string at the path, "" when absent or null (Go's zero value). */
    static String str(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    /** The integer at the path, {@code dflt} when absent or null. */
    static long integer(JsonNode node, long dflt, String... path) {
        JsonNode n = at(node, path);
        return n.isMissingNode() || n.isNull() ? dflt : n.asLong();
    }

    static boolean bool(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    /** True if the path holds a non-null value. */
    static boolean present(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return !n.isMissingNode() && !n.isNull();
    }

    /** The array elements at the path (empty when absent). */
    static List<JsonNode> list(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }

    /** The number of entries of the object (map) at the path. */
    static int size(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isObject() || n.isArray() ? n.size() : 0;
    }

    /** The string map at the path, sorted by key. */
    static Map<String, String> map(JsonNode node, String... path) {
        Map<String, String> out = new TreeMap<>();
        JsonNode n = at(node, path);
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        return out;
    }

    /** A metav1.Time / MicroTime at the path, or null when absent, empty or unparseable (Go's zero time). */
    static Instant time(JsonNode node, String... path) {
        String s = str(node, path);
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Kubernetes' {@code labels.FormatLabels}: "k=v,k2=v2" sorted by key, or {@code <none>}. */
    static String formatLabels(Map<String, String> labels) {
        String s = joinLabels(labels);
        return s.isEmpty() ? "<none>" : s;
    }

    static String joinLabels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** Kubernetes' {@code layoutContainerCells}: container names and images, comma separated. */
    static String[] containerCells(JsonNode podSpec) {
        StringBuilder names = new StringBuilder();
        StringBuilder images = new StringBuilder();
        List<JsonNode> containers = list(podSpec, "containers");
        for (int i = 0; i < containers.size(); i++) {
            names.append(str(containers.get(i), "name"));
            images.append(str(containers.get(i), "image"));
            if (i != containers.size() - 1) {
                names.append(',');
                images.append(',');
            }
        }
        return new String[] {names.toString(), images.toString()};
    }
}
