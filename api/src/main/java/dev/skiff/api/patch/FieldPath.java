package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Where a field is in an object, as server-side apply's managed fields name it: each element is
 * {@code f:NAME} (a field of an object), {@code k:{"KEY":VALUE}} (the element of a keyed list with
 * that key) or {@code v:VALUE} (the element of a set-like list with that value), VALUE as JSON.
 */
public record FieldPath(List<String> elements) implements Comparable<FieldPath> {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    FieldPath field(String name) {
        return child("f:" + name);
    }

    FieldPath keyed(String key, JsonNode value) {
        return child("k:" + Json.MAPPER.createObjectNode().set(key, value));
    }

    FieldPath value(JsonNode value) {
        return child("v:" + value);
    }

    FieldPath child(String element) {
        List<String> longer = new ArrayList<>(elements.size() + 1);
        longer.addAll(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    /** Whether this path is PREFIX or lies under it. */
    boolean startsWith(FieldPath prefix) {
        return elements.size() >= prefix.elements.size() && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    /** Parents before their children, then element by element. */
    @Override
    public int compareTo(FieldPath other) {
        Iterator<String> mine = elements.iterator();
        Iterator<String> theirs = other.elements.iterator();
        while (mine.hasNext() && theirs.hasNext()) {
            int order = mine.next().compareTo(theirs.next());
            if (order != 0) {
                return order;
            }
        }
        return Boolean.compare(mine.hasNext(), theirs.hasNext());
    }

    /** As Kubernetes writes a path in a conflict: {@code .spec.template.spec.containers[name="web"].image}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String element : elements) {
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
