package dev.skiff.api.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** File paths inside a pod: mount sub-paths and host paths. */
final class PathValidation {

    private PathValidation() {
    }

    /** A relative path that stays below its base directory, e.g. a volume mount's subPath. */
    static List<FieldError> localDescendingPath(String path, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        if (path.startsWith("/")) {
            errors.add(FieldError.invalid(fieldPath, path, "must be a relative path"));
        }
        errors.addAll(noBacksteps(path, fieldPath));
        return errors;
    }

    /** A path without a ".." element. */
    static List<FieldError> noBacksteps(String path, String fieldPath) {
        return Arrays.asList(path.split("/")).contains("..")
                ? List.of(FieldError.invalid(fieldPath, path, "must not contain '..'")) : List.of();
    }
}
