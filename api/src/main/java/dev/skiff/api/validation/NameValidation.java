package dev.skiff.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax Kubernetes requires of names, keys and label values. Each check returns Kubernetes' own
 * messages (empty when the value is valid); callers wrap them in {@link FieldError}s with their path.
 */
public final class NameValidation {

    private static final int DNS1123_LABEL_MAX_LENGTH = 63;
    private static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    private static final int DNS1035_LABEL_MAX_LENGTH = 63;
    private static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    private static final int LABEL_VALUE_MAX_LENGTH = 63;

    private static final String DNS1123_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FORMAT =
            DNS1123_LABEL_FORMAT + "(\\." + DNS1123_LABEL_FORMAT + ")*";
    private static final String DNS1035_LABEL_FORMAT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";
    private static final String CONFIG_MAP_KEY_FORMAT = "[-._a-zA-Z0-9]+";
    private static final String PERCENT_FORMAT = "[0-9]+%";

    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FORMAT);
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FORMAT);
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FORMAT);

    private static final String DNS1123_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower "
            + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String CONFIG_MAP_KEY_MESSAGE =
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private static final String PERCENT_MESSAGE =
            "a valid percent string must be a numeric string followed by an ending '%'";
    private static final String ENV_VAR_NAME_MESSAGE =
            "a valid environment variable name must consist only of printable ASCII characters other than '='";

    private NameValidation() {
    }

    /** A DNS label as RFC 1123 defines it, e.g. a namespace or container name. */
    public static List<String> dns1123Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX_LENGTH) {
            errors.add(maxLength(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!isDns1123Label(value, 0, value.length())) {
            if (isDns1123Subdomain(value)) {
                errors.add("must not contain dots");
            } else {
                errors.add(regexError(DNS1123_LABEL_MESSAGE, DNS1123_LABEL_FORMAT, "my-name", "123-abc"));
            }
        }
        return errors;
    }

    /** A DNS subdomain as RFC 1123 defines it, the rule for most object names. */
    public static List<String> dns1123Subdomain(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!isDns1123Subdomain(value)) {
            errors.add(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN_FORMAT, "example.com"));
        }
        return errors;
    }

    /** A DNS label as RFC 1035 defines it (starts with a letter), the rule for service names. */
    public static List<String> dns1035Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1035_LABEL_MAX_LENGTH) {
            errors.add(maxLength(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errors.add(regexError(DNS1035_LABEL_MESSAGE, DNS1035_LABEL_FORMAT, "my-name", "abc-123"));
        }
        return errors;
    }

    /**
     * What Kubernetes calls a qualified name: a name of at most 63 characters with an optional DNS subdomain
     * prefix and '/', e.g. a label key ({@code app.kubernetes.io/name}).
     */
    public static List<String> qualifiedName(String value) {
        List<String> errors = new ArrayList<>();
        int slash = value.indexOf('/');
        String name;
        if (slash < 0) {
            name = value;
        } else if (value.indexOf('/', slash + 1) < 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(message -> errors.add("prefix part " + message));
            }
        } else {
            errors.add("a qualified name " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT,
                    "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > QUALIFIED_NAME_MAX_LENGTH) {
            errors.add("name part " + maxLength(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!isQualifiedName(name)) {
            errors.add("name part " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT,
                    "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** A label value: empty, or at most 63 alphanumeric characters with '-', '_' or '.' inside. */
    public static List<String> labelValue(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > LABEL_VALUE_MAX_LENGTH) {
            errors.add(maxLength(LABEL_VALUE_MAX_LENGTH));
        }
        if (!value.isEmpty() && !isQualifiedName(value)) {
            errors.add(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    // The checks below match the *_FORMAT expressions (which the messages quote) character by character:
    // they run for every name, label and key of every object written, where a regular expression costs more.

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code value[from, to)}. */
    private static boolean isDns1123Label(String value, int from, int to) {
        if (to <= from || !isLowerAlphanumeric(value.charAt(from)) || !isLowerAlphanumeric(value.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = value.charAt(i);
            if (c != '-' && !isLowerAlphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    /** Labels joined by dots. */
    private static boolean isDns1123Subdomain(String value) {
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                if (!isDns1123Label(value, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    private static boolean isQualifiedName(String value) {
        int last = value.length() - 1;
        if (last < 0 || !isAlphanumeric(value.charAt(0)) || !isAlphanumeric(value.charAt(last))) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            char c = value.charAt(i);
            if (c != '-' && c != '_' && c != '.' && !isAlphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlphanumeric(char c) {
        return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
    }

    /** A key of a ConfigMap or Secret, which becomes a file name when mounted. */
    public static List<String> configMapKey(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errors.add(regexError(CONFIG_MAP_KEY_MESSAGE, CONFIG_MAP_KEY_FORMAT, "key.name", "KEY_NAME", "key-name"));
        }
        if (value.equals(".")) {
            errors.add("must not be '.'");
        } else if (value.equals("..")) {
            errors.add("must not be '..'");
        } else if (value.startsWith("..")) {
            errors.add("must not start with '..'");
        }
        return errors;
    }

    /** An environment variable name, with the relaxed rule Kubernetes applies by default since 1.32. */
    public static List<String> envVarName(String value) {
        List<String> errors = new ArrayList<>();
        if (value.isEmpty()) {
            errors.add("environment variable name must be non-empty");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '=')) {
            errors.add(ENV_VAR_NAME_MESSAGE);
        }
        return errors;
    }

    /** A percentage such as {@code 25%}. */
    public static List<String> percent(String value) {
        return PERCENT.matcher(value).matches() ? List.of()
                : List.of(regexError(PERCENT_MESSAGE, PERCENT_FORMAT, "1%", "93%"));
    }

    static String maxLength(int length) {
        return "must be no more than " + length + " characters";
    }

    /**
     * Kubernetes' wording for a regex failure, examples included; its odd spacing ("'a',  or 'b', ") is kept so
     * messages read exactly as a Kubernetes user knows them.
     */
    static String regexError(String message, String format, String... examples) {
        StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(format).append("')").toString();
    }
}
