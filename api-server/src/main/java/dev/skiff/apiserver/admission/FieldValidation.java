package dev.skiff.apiserver.admission;

import dev.skiff.api.status.ApiException;

/**
 * The {@code fieldValidation} query parameter: what to do with fields the type does not define.
 * kubectl sends Strict by default ({@code --validate=strict}).
 */
public enum FieldValidation {
    IGNORE, WARN, STRICT;

    /** Kubernetes' default when the parameter is absent is Warn. */
    public static FieldValidation parse(String value) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        return switch (value) {
            case "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw ApiException.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", not \""
                    + value + "\"");
        };
    }
}
