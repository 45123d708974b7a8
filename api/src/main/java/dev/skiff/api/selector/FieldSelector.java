package dev.skiff.api.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector, e.g. {@code status.phase=Running,spec.nodeName!=node-1}: exact
 * (in)equality terms on an object's selectable fields that must all hold. Which fields a type
 * supports is the api-server's business ({@link #fieldNames()} tells which ones are used). Immutable.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** One term: the field equals (or, when negated, differs from) the value. */
    private record Term(String field, String value, boolean negated) {

        boolean matches(Map<String, String> fields) {
            String actual = fields.get(field);
            return negated != (actual == null ? "" : actual).equals(value);
        }

        @Override
        public String toString() {
            return field + (negated ? "!=" : "=") + escape(value);
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms.stream().sorted(Comparator.comparing(Term::toString)).toList();
    }

    /**
     * Parses the string form: comma-separated {@code field=value}, {@code field==value} or
     * {@code field!=value} terms. In values, {@code \,}, {@code \=} and {@code \\} stand for
     * {@code ,}, {@code =} and {@code \}; unescaped {@code ,} and {@code =} are not allowed. As in
     * Kubernetes, whitespace is not trimmed and empty terms are skipped. A null or empty selector
     * selects everything.
     *
     * @throws SelectorException with Kubernetes' message when the selector is malformed
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitTerms(selector)) {
            if (!part.isEmpty()) {
                terms.add(term(selector, part));
            }
        }
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    /** The selector without terms, which every object matches. */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** True if every term holds; an absent field has the value "", and null fields are no fields. */
    public boolean matches(Map<String, String> fields) {
        Map<String, String> actual = fields == null ? Map.of() : fields;
        return terms.stream().allMatch(t -> t.matches(actual));
    }

    /** The fields the terms use, sorted. */
    public Set<String> fieldNames() {
        return terms.stream().map(Term::field).collect(Collectors.toCollection(TreeSet::new));
    }

    /** True if the selector has no terms and so selects everything. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The canonical string form: sorted terms, {@code ==} written {@code =}, values escaped. */
    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && terms.equals(other.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** Splits at commas that are not escaped; the escapes stay in the parts. */
    private static List<String> splitTerms(String selector) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    /** Splits a term at its first operator; the field part has no escapes. */
    private static Term term(String selector, String part) {
        for (int i = 0; i < part.length(); i++) {
            for (String operator : List.of("!=", "==", "=")) {
                if (part.startsWith(operator, i)) {
                    String value = unescape(part.substring(i + operator.length()));
                    return new Term(part.substring(0, i), value, operator.equals("!="));
                }
            }
        }
        throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
    }

    private static String unescape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean escaped = false;
        for (char c : value.toCharArray()) {
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
                }
                sb.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                throw new SelectorException("invalid field selector: unescaped character in value: " + c);
            } else {
                sb.append(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return sb.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
