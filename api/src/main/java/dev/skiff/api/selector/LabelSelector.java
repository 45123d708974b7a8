package dev.skiff.api.selector;

import dev.skiff.api.selector.Requirement.Operator;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: requirements on an object's labels that must all hold. Built from
 * the string form of list and watch requests ({@link #parse}) or from the {@code LabelSelector}
 * field of an object ({@link #from}). Immutable; equal selectors have the same canonical string.
 */
public final class LabelSelector {

    private static final Comparator<Requirement> CANONICAL_ORDER =
            Comparator.comparing(Requirement::key).thenComparing(Requirement::toString);

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements.stream().sorted(CANONICAL_ORDER).toList();
    }

    /**
     * Parses the string form, e.g. {@code env=prod,tier in (cache,web),!canary}. Operators:
     * {@code =}, {@code ==}, {@code !=}, {@code in (…)}, {@code notin (…)}, {@code key} (exists),
     * {@code !key} (does not exist), and Kubernetes' {@code >} and {@code <} on integer values.
     * A null or blank selector selects everything.
     *
     * @throws SelectorException with Kubernetes' message when the selector is malformed
     */
    public static LabelSelector parse(String selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        List<Requirement> requirements = LabelSelectorParser.parse(selector);
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements);
    }

    /**
     * Converts an object's label selector as Kubernetes' {@code LabelSelectorAsSelector} does:
     * matchLabels become equality requirements, matchExpressions In, NotIn, Exists and
     * DoesNotExist requirements. A selector without any requirement selects everything. Unlike
     * Kubernetes, which selects nothing for a nil selector, a null selector here also selects
     * everything: callers for which an absent selector must match nothing check for null first.
     *
     * @throws SelectorException for an unknown operator, a bad key or value, or a value count
     *                           that does not fit the operator
     */
    public static LabelSelector from(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((key, value) -> requirements.add(
                    Requirement.of(key, Operator.EQUALS, List.of(Objects.requireNonNullElse(value, "")))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
                List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
                requirements.add(Requirement.of(Objects.requireNonNullElse(expression.getKey(), ""),
                        operator(expression.getOperator()), values));
            }
        }
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements);
    }

    /** The selector without requirements, which every object matches. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** True if the labels satisfy every requirement; null labels are no labels. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(actual));
    }

    /** True if the selector has no requirements and so selects everything. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /**
     * The canonical string form: requirements sorted by key, values sorted, {@code ==} written
     * {@code =}, e.g. {@code !canary,env=prod,tier in (cache,web)}. Parsing it gives an equal selector.
     */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    private static Operator operator(String operator) {
        return switch (operator == null ? "" : operator) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new SelectorException('"' + Objects.requireNonNullElse(operator, "")
                    + "\" is not a valid label selector operator");
        };
    }
}
