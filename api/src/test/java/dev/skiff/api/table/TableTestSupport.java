package dev.skiff.api.table;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the printer tests: objects from YAML, cells and column names from a rendered Table. */
final class TableTestSupport {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private TableTestSupport() {
    }

    static <T extends HasMetadata> T yaml(String yaml, Class<T> type) {
        try {
            return Json.YAML.readValue(yaml, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode table(String kind, HasMetadata object) {
        return Tables.render(kind, List.of(object), "42", null, null, NOW);
    }

    /** The cells of the single row as sent on the wire, read back as plain values (String, Integer, Boolean). */
    static List<Object> cells(String kind, HasMetadata object) {
        JsonNode cells = table(kind, object).path("rows").path(0).path("cells");
        try {
            return Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(cells), new TypeReference<List<Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The column names with priority, e.g. "Name", "IP*" (* = priority 1). */
    static List<String> columns(String kind) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : table(kind, new io.fabric8.kubernetes.api.model.ConfigMap()).path("columnDefinitions")) {
            out.add(c.path("name").asText() + (c.path("priority").asInt() > 0 ? "*" : ""));
        }
        return out;
    }
}
