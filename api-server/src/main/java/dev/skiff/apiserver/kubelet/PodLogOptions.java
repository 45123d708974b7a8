package dev.skiff.apiserver.kubelet;

import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import io.vertx.core.MultiMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Kubernetes' PodLogOptions, read from the query of {@code GET pods/NAME/log}: decoding errors are
 * 400 BadRequest, values out of range 422 Invalid, as the Kubernetes api-server answers.
 *
 * @param container  the container asked for; empty when not given
 * @param tailLines  null when not given, as are {@code limitBytes}, {@code sinceSeconds} and {@code sinceTime}
 */
public record PodLogOptions(String container, boolean follow, boolean previous, boolean timestamps,
                            Long tailLines, Long limitBytes, Long sinceSeconds, Instant sinceTime) {

    /** The options in the query of a log request for pod {@code podName}. */
    public static PodLogOptions parse(MultiMap query, String podName) {
        String container = query.get("container");
        PodLogOptions options = new PodLogOptions(container == null ? "" : container,
                flag(query, "follow"), flag(query, "previous"), flag(query, "timestamps"),
                integer(query, "tailLines"), integer(query, "limitBytes"), integer(query, "sinceSeconds"),
                time(query, "sinceTime"));
        List<FieldError> errors = options.validate();
        if (!errors.isEmpty()) {
            throw ApiException.invalid("", "PodLogOptions", podName, errors);
        }
        return options;
    }

    /** Kubernetes' ValidatePodLogOptions. */
    private List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (tailLines != null && tailLines < 0) {
            errors.add(FieldError.invalid("tailLines", tailLines, "must be greater than or equal to 0"));
        }
        if (limitBytes != null && limitBytes < 1) {
            errors.add(FieldError.invalid("limitBytes", limitBytes, "must be greater than 0"));
        }
        if (sinceSeconds != null && sinceTime != null) {
            errors.add(FieldError.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        } else if (sinceSeconds != null && sinceSeconds < 1) {
            errors.add(FieldError.invalid("sinceSeconds", sinceSeconds, "must be greater than 0"));
        }
        return errors;
    }

    /**
     * The query of the kubelet's {@code /containerLogs} request: only the options that were given,
     * in the order Kubernetes' api-server sends them (sorted by name), with a leading {@code ?}
     * unless empty.
     */
    public String kubeletQuery() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (follow) {
            query.add("follow=true");
        }
        if (limitBytes != null) {
            query.add("limitBytes=" + limitBytes);
        }
        if (previous) {
            query.add("previous=true");
        }
        if (sinceSeconds != null) {
            query.add("sinceSeconds=" + sinceSeconds);
        }
        if (sinceTime != null) {
            query.add("sinceTime=" + URLEncoder.encode(sinceTime.truncatedTo(ChronoUnit.SECONDS).toString(),
                    StandardCharsets.UTF_8));
        }
        if (tailLines != null) {
            query.add("tailLines=" + tailLines);
        }
        if (timestamps) {
            query.add("timestamps=true");
        }
        return query.toString();
    }

    /** Kubernetes' query booleans: absent, {@code 0} or {@code false} (any case) is false, anything else true. */
    private static boolean flag(MultiMap query, String name) {
        String value = query.get(name);
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    private static Long integer(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value for " + name + ": \"" + value + "\" is not an integer");
        }
    }

    private static Instant time(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid value for " + name + ": \"" + value
                    + "\" is not an RFC 3339 time, e.g. 2024-05-01T12:00:00Z");
        }
    }
}
