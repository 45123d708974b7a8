package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.NodeInfo;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Map;

/**
 * The nodes a pod may run on by its {@code spec.nodeSelector} and its
 * {@code requiredDuringSchedulingIgnoredDuringExecution} node affinity, as Kubernetes'
 * {@code RequiredNodeAffinity}: every selector label must match, and at least one affinity term.
 */
final class RequiredNodeAffinity {

    private static final String NODE_NAME_FIELD = "metadata.name";

    private final Map<String, String> nodeSelector;
    /** Null when the pod has no required node affinity. */
    private final List<NodeSelectorTerm> terms;

    private RequiredNodeAffinity(Map<String, String> nodeSelector, List<NodeSelectorTerm> terms) {
        this.nodeSelector = nodeSelector;
        this.terms = terms;
    }

    static RequiredNodeAffinity of(Pod pod) {
        Map<String, String> selector = pod.getSpec() == null || pod.getSpec().getNodeSelector() == null
                ? Map.of() : pod.getSpec().getNodeSelector();
        NodeSelector required = null;
        if (pod.getSpec() != null && pod.getSpec().getAffinity() != null && pod.getSpec().getAffinity().getNodeAffinity() != null) {
            required = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        }
        List<NodeSelectorTerm> terms = null;
        if (required != null) {
            terms = required.getNodeSelectorTerms() == null ? List.of() : required.getNodeSelectorTerms();
        }
        return new RequiredNodeAffinity(selector, terms);
    }

    /** Whether the pod restricts its nodes at all. */
    boolean isEmpty() {
        return nodeSelector.isEmpty() && terms == null;
    }

    boolean matches(NodeInfo node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        if (terms == null) {
            return true;
        }
        for (NodeSelectorTerm term : terms) {
            if (termMatches(term, node)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every expression and field requirement of the term holds for the node; a term without
     * any matches no node.
     */
    static boolean termMatches(NodeSelectorTerm term, NodeInfo node) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement expression : expressions) {
            if (!requirementMatches(expression, node.labels())) {
                return false;
            }
        }
        for (NodeSelectorRequirement field : fields) {
            if (!NODE_NAME_FIELD.equals(field.getKey())
                    || !requirementMatches(field, Map.of(NODE_NAME_FIELD, node.name()))) {
                return false;
            }
        }
        return true;
    }

    /** One requirement: In, NotIn, Exists, DoesNotExist, Gt and Lt (integers); an unknown operator matches nothing. */
    static boolean requirementMatches(NodeSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        return switch (operator) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> value != null && values.size() == 1 && compare(operator, value, values.get(0));
            default -> false;
        };
    }

    private static boolean compare(String operator, String label, String bound) {
        try {
            long actual = Long.parseLong(label);
            long limit = Long.parseLong(bound);
            return operator.equals("Gt") ? actual > limit : actual < limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
