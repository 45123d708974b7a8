package dev.skiff.api.validation;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skiff.api.json.Json;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One reason an object is invalid, as Kubernetes' field.Error: the field path, the kind of error,
 * the bad value and a detail. {@link #toString()} renders it the way Kubernetes prints it, e.g.
 * {@code metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of ...}.
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

    /** Kubernetes' field.ErrorType, with the cause reason and message prefix it uses. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        NOT_FOUND("FieldValueNotFound", "Not found");

        private final String reason;
        private final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }

        public String reason() {
            return reason;
        }

        public String text() {
            return text;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, value, detail);
    }

    /** One Invalid error per message, as Kubernetes reports a value that breaks several rules. */
    public static List<FieldError> invalid(String field, Object value, List<String> details) {
        if (details.isEmpty()) {
            return List.of();
        }
        return details.stream().map(detail -> invalid(field, value, detail)).toList();
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    public static FieldError notSupported(String field, Object value, Collection<String> allowed) {
        StringBuilder sb = new StringBuilder("supported values: ");
        boolean first = true;
        for (String a : allowed) {
            sb.append(first ? "" : ", ").append('"').append(a).append('"');
            first = false;
        }
        return new FieldError(Type.NOT_SUPPORTED, field, value, sb.toString());
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, value, null);
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(Type.NOT_FOUND, field, value, null);
    }

    /** A value (or a whole map, e.g. annotations) longer than {@code maxBytes}. */
    public static FieldError tooLong(String field, int maxBytes) {
        return new FieldError(Type.TOO_LONG, field, null,
                "may not be more than " + maxBytes + (maxBytes == 1 ? " byte" : " bytes"));
    }

    /** A list of ACTUAL items where at most MAX are allowed. */
    public static FieldError tooMany(String field, int actual, int max) {
        return new FieldError(Type.TOO_MANY, field, actual, "must have at most " + max + (max == 1 ? " item" : " items"));
    }

    /** The message part without the field, e.g. {@code Invalid value: "x": detail}. */
    public String message() {
        StringBuilder sb = new StringBuilder(type.text());
        if (type == Type.INVALID || type == Type.NOT_SUPPORTED || type == Type.DUPLICATE || type == Type.NOT_FOUND || type == Type.TOO_MANY) {
            sb.append(": ").append(renderValue(badValue));
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return field + ": " + message();
    }

    /**
     * Renders the bad value as Kubernetes does: strings quoted, numbers and booleans plain, string maps and
     * lists in Go syntax ({@code map[string]string{"app":"web"}}); other objects as compact JSON, map keys sorted.
     */
    private static String renderValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)
                && map.values().stream().allMatch(String.class::isInstance)) {
            return new TreeMap<>(map).entrySet().stream()
                    .map(e -> quote((String) e.getKey()) + ":" + quote((String) e.getValue()))
                    .collect(Collectors.joining(", ", "map[string]string{", "}"));
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(s -> quote((String) s)).collect(Collectors.joining(", ", "[]string{", "}"));
        }
        try {
            return Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
