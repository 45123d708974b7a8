package dev.skiff.api.status;

import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;

import java.util.List;

/**
 * An API error: the HTTP code, Kubernetes reason and message, rendered as a {@code Status}
 * object exactly as the Kubernetes api-server does.
 */
public class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final transient StatusDetails details;

    public ApiException(int code, String reason, String message, StatusDetails details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public ApiException(int code, String reason, String message) {
        this(code, reason, message, null);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public StatusDetails details() {
        return details;
    }

    /** The Status body for this error. */
    public Status toStatus() {
        return new StatusBuilder()
                .withApiVersion("v1")
                .withKind("Status")
                .withNewMetadata().endMetadata()
                .withStatus("Failure")
                .withMessage(getMessage())
                .withReason(reason)
                .withDetails(details)
                .withCode(code)
                .build();
    }

    private static StatusDetails details(String group, String plural, String name) {
        return new StatusDetailsBuilder().withGroup(group.isEmpty() ? null : group).withKind(plural).withName(name).build();
    }

    private static String qualified(String group, String plural) {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** 404: {@code pods "web" not found}. */
    public static ApiException notFound(String group, String plural, String name) {
        return new ApiException(404, "NotFound", qualified(group, plural) + " \"" + name + "\" not found",
                details(group, plural, name));
    }

    /** 409: {@code pods "web" already exists}. */
    public static ApiException alreadyExists(String group, String plural, String name) {
        return new ApiException(409, "AlreadyExists", qualified(group, plural) + " \"" + name + "\" already exists",
                details(group, plural, name));
    }

    /** 409 Conflict, e.g. a stale resourceVersion. */
    public static ApiException conflict(String group, String plural, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, plural)
                + " \"" + name + "\": " + why, details(group, plural, name));
    }

    /** 422 Invalid with one cause per field error: {@code Pod "web" is invalid: spec.containers: Required value}. */
    public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
        List<StatusCause> causes = errors.stream()
                .map(e -> new StatusCauseBuilder().withReason(e.type().reason()).withMessage(e.message())
                        .withField(e.field()).build())
                .toList();
        String summary = errors.size() == 1 ? errors.get(0).toString()
                : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
        StatusDetails d = new StatusDetailsBuilder().withGroup(group.isEmpty() ? null : group).withKind(kind)
                .withName(name).withCauses(causes).build();
        return new ApiException(422, "Invalid", kind + " \"" + name + "\" is invalid: " + summary, d);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    /** 410 Gone, for a watch or list from a compacted resourceVersion. */
    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message);
    }

    public static ApiException notAcceptable(String message) {
        return new ApiException(406, "NotAcceptable", message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "UnsupportedMediaType", message);
    }

    public static ApiException requestEntityTooLarge(String message) {
        return new ApiException(413, "RequestEntityTooLarge", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message);
    }
}
