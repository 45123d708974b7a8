package dev.skiff.api.scheduling;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;
import java.util.Map;

/**
 * The nodes a pod may run on by its {@code spec.nodeSelector} and its
 * {@code requiredDuringSchedulingIgnoredDuringExecution} node affinity, as Kubernetes'
 * {@code RequiredNodeAffinity}: every selector label must match, and at least one affinity term.
 * The scheduler's filter and the DaemonSet controller's choice of nodes.
 */
public final class NodeSelection {

    private static final String NODE_NAME_FIELD = "metadata.name";

    private final Map<String, String> nodeSelector;
    /** Null when the pod has no required node affinity. */
    private final List<NodeSelectorTerm> terms;

    private NodeSelection(Map<String, String> nodeSelector, List<NodeSelectorTerm> terms) {
        this.nodeSelector = nodeSelector;
        this.terms = terms;
    }

    public static NodeSelection of(Pod pod) {
        return of(pod.getSpec());
    }

    /** The nodes pods of SPEC (null: no restriction) may run on. */
    public static NodeSelection of(PodSpec spec) {
        Map<String, String> selector = spec == null || spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        NodeSelector required = null;
        if (spec != null && spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null) {
            required = spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        }
        List<NodeSelectorTerm> terms = null;
        if (required != null) {
            terms = required.getNodeSelectorTerms() == null ? List.of() : required.getNodeSelectorTerms();
        }
        return new NodeSelection(selector, terms);
    }

    /** Whether the pod restricts its nodes at all. */
    public boolean isEmpty() {
        return nodeSelector.isEmpty() && terms == null;
    }

    /** Whether the node with these LABELS and this NAME is one of them. */
    public boolean matches(Map<String, String> labels, String name) {
        for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        if (terms == null) {
            return true;
        }
        for (NodeSelectorTerm term : terms) {
            if (termMatches(term, labels, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every expression and field requirement of the term holds for the node with these
     * LABELS and this NAME; a term without any matches no node.
     */
    public static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String name) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement expression : expressions) {
            if (!requirementMatches(expression, labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement field : fields) {
            if (!NODE_NAME_FIELD.equals(field.getKey())
                    || !requirementMatches(field, Map.of(NODE_NAME_FIELD, name))) {
                return false;
            }
        }
        return true;
    }

    /** One requirement: In, NotIn, Exists, DoesNotExist, Gt and Lt (integers); an unknown operator matches nothing. */
    private static boolean requirementMatches(NodeSelectorRequirement requirement, Map<String, String> labels) {
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
