package dev.skiff.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skiff.api.json.Json;

import java.io.UncheckedIOException;

/** JSON trees for patch tests, written as JSON with single quotes allowed, or as YAML. */
final class Trees {

    private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private Trees() {
    }

    static JsonNode json(String json) {
        try {
            return LENIENT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String yaml) {
        try {
            return Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
