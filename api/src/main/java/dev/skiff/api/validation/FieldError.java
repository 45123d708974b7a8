package dev.skiff.api.validation;

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

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    public static FieldError notSupported(String field, Object value, java.util.Collection<String> allowed) {
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

    /** The message part without the field, e.g. {@code Invalid value: "x": detail}. */
    public String message() {
        StringBuilder sb = new StringBuilder(type.text());
        if (type == Type.INVALID || type == Type.NOT_SUPPORTED || type == Type.DUPLICATE) {
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

    private static String renderValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        return String.valueOf(value);
    }
}
