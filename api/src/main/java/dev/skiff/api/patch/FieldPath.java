package dev.skiff.api.patch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a field is in an object, as server-side apply's managed fields name it: each element is
 * {@code f:NAME} (a field of an object), {@code k:{"KEY":VALUE}} (the element of a keyed list with
 * that key) or {@code v:VALUE} (the element of a set-like list with that value), VALUE as JSON.
 * A path is its last element and a link to its parent's path, so the paths of one object share
 * their prefixes; the hash is computed once.
 */
final class FieldPath implements Comparable<FieldPath> {

    static final FieldPath ROOT = new FieldPath(null, null);

    private final FieldPath parent;
    private final String element;
    private final int depth;
    private final int hash;

    private FieldPath(FieldPath parent, String element) {
        this.parent = parent;
        this.element = element;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.hash = parent == null ? 0 : 31 * parent.hash + element.hashCode();
    }

    FieldPath field(String name) {
        return child("f:" + name);
    }

    FieldPath keyed(String key, JsonNode value) {
        StringBuilder element = new StringBuilder("k:{");
        quote(key, element);
        return child(json(value, element.append(':')).append('}').toString());
    }

    FieldPath value(JsonNode value) {
        return child(json(value, new StringBuilder("v:")).toString());
    }

    /** VALUE as JSON after TEXT: scalars written here, faster than a serializer for the few bytes of a key. */
    private static StringBuilder json(JsonNode value, StringBuilder text) {
        if (value.isTextual()) {
            return quote(value.textValue(), text);
        }
        boolean bare = value.isNumber() || value.isBoolean() || value.isNull();
        return text.append(bare ? value.asText() : value.toString());
    }

    private static StringBuilder quote(String value, StringBuilder text) {
        text.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, text);
        return text.append('"');
    }

    FieldPath child(String element) {
        return new FieldPath(this, element);
    }

    boolean isRoot() {
        return parent == null;
    }

    /** The path this one is directly under; null for the root. */
    FieldPath parent() {
        return parent;
    }

    /** The last element; null for the root. */
    String element() {
        return element;
    }

    /** The elements from the root down. */
    List<String> elements() {
        String[] elements = new String[depth];
        for (FieldPath path = this; !path.isRoot(); path = path.parent) {
            elements[path.depth - 1] = path.element;
        }
        return Arrays.asList(elements);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FieldPath that)) {
            return false;
        }
        FieldPath mine = this;
        while (mine != that) {
            if (mine.hash != that.hash || mine.depth != that.depth || !mine.element.equals(that.element)) {
                return false;
            }
            mine = mine.parent;
            that = that.parent;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Parents before their children, then element by element. */
    @Override
    public int compareTo(FieldPath other) {
        List<String> mine = elements();
        List<String> theirs = other.elements();
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            int order = mine.get(i).compareTo(theirs.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(mine.size(), theirs.size());
    }

    /** As Kubernetes writes a path in a conflict: {@code .spec.template.spec.containers[name="web"].image}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String element : elements()) {
            String rest = element.substring(2);
            switch (element.charAt(0)) {
                case 'f' -> text.append('.').append(rest);
                case 'k' -> {
                    text.append('[');
                    JsonNode key = json(rest);
                    List<String> parts = new ArrayList<>();
                    key.fields().forEachRemaining(entry -> parts.add(entry.getKey() + "=" + entry.getValue()));
                    text.append(String.join(",", parts)).append(']');
                }
                default -> text.append("[=").append(rest).append(']');
            }
        }
        return text.isEmpty() ? "." : text.toString();
    }

    /** The JSON of a {@code k:} or {@code v:} element, after its prefix. */
    static JsonNode json(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON key: " + json, e);
        }
    }
}
