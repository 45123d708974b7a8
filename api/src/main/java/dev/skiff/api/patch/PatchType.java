package dev.skiff.api.patch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of PATCH body Kubernetes accepts, by their content type. */
public enum PatchType {

    /** RFC 6902 JSON patch: a list of operations. */
    JSON_PATCH("application/json-patch+json"),
    /** RFC 7386 JSON merge patch: a partial object, null deleting. */
    MERGE_PATCH("application/merge-patch+json"),
    /** Kubernetes' strategic merge patch: a merge patch that merges lists by key and knows directives. */
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    /** Server-side apply: a configuration a field manager owns ({@link ManagedFields#apply}). */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The patch type of a Content-Type header value, ignoring case and parameters such as
     * {@code charset}; empty for anything else.
     */
    public static Optional<PatchType> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.contentType.equals(mediaType)).findFirst();
    }
}
