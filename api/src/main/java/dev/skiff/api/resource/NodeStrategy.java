package dev.skiff.api.resource;

import dev.skiff.api.defaults.NodeDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.NodeValidation;
import io.fabric8.kubernetes.api.model.Node;

import java.util.List;
import java.util.Map;

/** Nodes (v1, cluster-scoped). */
public final class NodeStrategy extends TypedStrategy<Node> {

    public NodeStrategy() {
        super(Node.class);
    }

    @Override
    protected void defaults(Node node) {
        NodeDefaults.apply(node);
    }

    @Override
    protected List<FieldError> validate(Node node) {
        return NodeValidation.validate(node);
    }

    @Override
    protected List<FieldError> validateTransition(Node node, Node old) {
        return NodeValidation.validateUpdate(node, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected Object spec(Node node) {
        return node.getSpec();
    }

    @Override
    protected void addSelectableFields(Node node, Map<String, String> fields) {
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        fields.put("spec.unschedulable", String.valueOf(unschedulable));
    }
}
