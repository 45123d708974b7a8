package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@code metav1.LabelSelector} the way Kubernetes' {@code LabelSelectorAsSelector(...).String()}
 * does: requirements sorted by key, "k=v", "k in (a,b)", "k notin (a,b)", "k", "!k", joined by ",".
 */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** Thrown for a selector Kubernetes cannot convert (unknown operator, bad values). */
    static final class InvalidSelector extends Exception {
        InvalidSelector(String message) {
            super(message);
        }
    }

    private record Requirement(String key, String text) {
    }

    /** The selector string; "" for a null or empty selector. */
    static String toSelectorString(JsonNode selector) throws InvalidSelector {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return "";
        }
        List<Requirement> reqs = new ArrayList<>();
        for (Map.Entry<String, String> e : Fields.map(selector, "matchLabels").entrySet()) {
            reqs.add(new Requirement(e.getKey(), e.getKey() + "=" + e.getValue()));
        }
        for (JsonNode expr : Fields.list(selector, "matchExpressions")) {
            String key = Fields.str(expr, "key");
            String op = Fields.str(expr, "operator");
            List<String> values = new ArrayList<>();
            Fields.list(expr, "values").forEach(v -> values.add(v.asText()));
            switch (op) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        throw new InvalidSelector("for 'in', 'notin' operators, values set can't be empty");
                    }
                    List<String> sorted = new ArrayList<>(values);
                    sorted.sort(Comparator.naturalOrder());
                    String joined = values.size() == 1 ? values.get(0) : String.join(",", sorted);
                    reqs.add(new Requirement(key, key + (op.equals("In") ? " in (" : " notin (") + joined + ")"));
                }
                case "Exists" -> {
                    if (!values.isEmpty()) {
                        throw new InvalidSelector("values set must be empty for exists and does not exist");
                    }
                    reqs.add(new Requirement(key, key));
                }
                case "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        throw new InvalidSelector("values set must be empty for exists and does not exist");
                    }
                    reqs.add(new Requirement(key, "!" + key));
                }
                default -> throw new InvalidSelector("\"" + op + "\" is not a valid label selector operator");
            }
        }
        reqs.sort(Comparator.comparing(Requirement::key));
        StringBuilder sb = new StringBuilder();
        for (Requirement r : reqs) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.text());
        }
        return sb.toString();
    }

    /** Kubernetes' {@code metav1.FormatLabelSelector}: the string, {@code <none>} if empty, {@code <error>} if invalid. */
    static String format(JsonNode selector) {
        try {
            String s = toSelectorString(selector);
            return s.isEmpty() ? "<none>" : s;
        } catch (InvalidSelector e) {
            return "<error>";
        }
    }
}
