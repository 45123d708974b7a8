package dev.skiff.apiserver.admission;

import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * How a write request wants to be handled (dry run, field validation), who writes (the field
 * manager its changes are recorded under in {@code metadata.managedFields}; {@code force}: a
 * server-side apply takes fields from other managers) and the warnings it collects for the
 * response's {@code Warning} headers.
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager, boolean force, List<String> warnings) {

    /** The field manager of the api-server's own writes. */
    public static final String API_SERVER = "skiff-api-server";

    public static WriteOptions of(boolean dryRun, FieldValidation fieldValidation, String fieldManager, boolean force) {
        return new WriteOptions(dryRun, fieldValidation, fieldManager, force, new ArrayList<>());
    }

    /** Options for writes the api-server makes itself. */
    public static WriteOptions internal() {
        return of(false, FieldValidation.IGNORE, API_SERVER, false);
    }

    /**
     * Applies the field validation to a decoded object: 400 for Strict, a warning for Warn; with
     * Warn and Ignore the unknown fields are dropped, as Kubernetes drops them.
     */
    public void checkUnknownFields(HasMetadata object) {
        List<String> unknown = UnknownFields.remove(object);
        if (unknown.isEmpty() || fieldValidation == FieldValidation.IGNORE) {
            return;
        }
        if (fieldValidation == FieldValidation.STRICT) {
            String fields = String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList());
            throw ApiException.badRequest("strict decoding error: " + fields);
        }
        unknown.forEach(f -> warnings.add("unknown field \"" + f + "\""));
    }
}
