package dev.skiff.informer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a watch event {@code {"type":…,"object":…}} (a line of a watch stream, the value of a
 * Kafka record) straight into the object's type when {@code type} comes first, as Skiff's
 * api-server and relay write it (and Kubernetes does): no JSON tree is built in between. With the
 * fields the other way round the object is read as a tree and converted. An {@code ERROR} event's
 * object, a Status, is kept as a tree.
 */
final class WatchEventReader<T extends HasMetadata> {

    /** The types whose object is the watched kind ({@code BOOKMARK}: only its resourceVersion is set). */
    private static final Set<String> TYPED = Set.of("ADDED", "MODIFIED", "DELETED", "BOOKMARK");

    /** An event: {@code object} for the typed events, {@code status} for the others (e.g. {@code ERROR}). */
    record Event<T extends HasMetadata>(String type, T object, JsonNode status) {

        /** The object's resourceVersion, empty when it has none. */
        String resourceVersion() {
            if (object == null || object.getMetadata() == null || object.getMetadata().getResourceVersion() == null) {
                return "";
            }
            return object.getMetadata().getResourceVersion();
        }
    }

    private final Class<T> objectClass;

    WatchEventReader(Class<T> objectClass) {
        this.objectClass = objectClass;
    }

    Event<T> read(String json) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return read(parser);
        }
    }

    Event<T> read(byte[] json) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return read(parser);
        }
    }

    private Event<T> read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("a watch event must be a JSON object");
        }
        String type = null;
        T object = null;
        JsonNode tree = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "type" -> type = parser.getValueAsString();
                case "object" -> {
                    if (type != null && TYPED.contains(type)) {
                        object = Json.MAPPER.readValue(parser, objectClass);
                    } else {
                        tree = Json.MAPPER.readTree(parser);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (type == null) {
            throw new IOException("a watch event must have a type");
        }
        if (tree != null && TYPED.contains(type)) {
            return new Event<>(type, tree.isNull() ? null : Json.MAPPER.treeToValue(tree, objectClass), null);
        }
        return new Event<>(type, object, tree);
    }
}
