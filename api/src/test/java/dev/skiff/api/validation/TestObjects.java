package dev.skiff.api.validation;

import dev.skiff.api.json.Json;

import java.io.UncheckedIOException;
import java.util.List;

/** Builds test objects from YAML and renders validation results as Kubernetes prints them. */
final class TestObjects {

    private TestObjects() {
    }

    static <T> T read(String yaml, Class<T> type) {
        try {
            return Json.YAML.readValue(yaml, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> render(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }
}
