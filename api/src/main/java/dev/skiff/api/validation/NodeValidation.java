package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.map;
import static dev.skiff.api.validation.NullSafe.text;

/** Nodes: taints, pod CIDRs and resource figures; a node's CIDRs and provider ID are set once. */
public final class NodeValidation {

    private static final String CHANGED_ONCE_SET = "node updates may not change %s except from \"\" to valid";

    private NodeValidation() {
    }

    public static List<FieldError> validate(Node node) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(node.getMetadata(), false,
                NameRule.DNS1123_SUBDOMAIN));
        NodeSpec spec = node.getSpec() == null ? new NodeSpec() : node.getSpec();
        // Kubernetes reports taints under "metadata.taints", not "spec.taints".
        errors.addAll(validateTaints(list(spec.getTaints()), "metadata.taints"));
        List<String> cidrs = list(spec.getPodCIDRs());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cidrs.size(); i++) {
            errors.addAll(NetworkValidation.cidr(cidrs.get(i), "spec.podCIDRs[" + i + "]"));
            if (!seen.add(text(cidrs.get(i)))) {
                errors.add(FieldError.duplicate("spec.podCIDRs[" + i + "]", cidrs.get(i)));
            }
        }
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        errors.addAll(validateResources(status.getCapacity(), "status.capacity"));
        errors.addAll(validateResources(status.getAllocatable(), "status.allocatable"));
        return errors;
    }

    public static List<FieldError> validateUpdate(Node node, Node old) {
        List<FieldError> errors = validate(node);
        NodeSpec spec = node.getSpec() == null ? new NodeSpec() : node.getSpec();
        NodeSpec oldSpec = old.getSpec() == null ? new NodeSpec() : old.getSpec();
        List<NodeAddress> addresses = node.getStatus() == null ? List.of() : list(node.getStatus().getAddresses());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            NodeAddress address = addresses.get(i);
            if (!seen.add(text(address.getType()) + "/" + text(address.getAddress()))) {
                errors.add(FieldError.duplicate("status.addresses[" + i + "]", address));
            }
        }
        List<String> oldCidrs = list(oldSpec.getPodCIDRs());
        if (!oldCidrs.isEmpty() && !oldCidrs.equals(list(spec.getPodCIDRs()))) {
            errors.add(FieldError.forbidden("spec.podCIDRs", CHANGED_ONCE_SET.formatted("podCIDR")));
        }
        if (!isEmpty(oldSpec.getProviderID()) && !oldSpec.getProviderID().equals(spec.getProviderID())) {
            errors.add(FieldError.forbidden("spec.providerID", CHANGED_ONCE_SET.formatted("providerID")));
        }
        if (!Objects.equals(spec.getExternalID(), oldSpec.getExternalID())) {
            errors.add(FieldError.forbidden("spec.externalID", "may not be updated"));
        }
        return errors;
    }

    private static List<FieldError> validateTaints(List<Taint> taints, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint taint = taints.get(i);
            String taintPath = path + "[" + i + "]";
            errors.addAll(LabelValidation.validateLabelKey(taint.getKey(), taintPath + ".key"));
            String value = text(taint.getValue());
            List<String> valueErrors = NameValidation.labelValue(value);
            if (!valueErrors.isEmpty()) {
                errors.add(FieldError.invalid(taintPath + ".value", value, String.join(";", valueErrors)));
            }
            errors.addAll(TolerationValidation.validateTaintEffect(taint.getEffect(), false, taintPath + ".effect"));
            if (!seen.add(text(taint.getKey()) + "\n" + text(taint.getEffect()))) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, taintPath, taint,
                        "taints must be unique by key and effect pair"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateResources(Map<String, Quantity> resources, String path) {
        List<FieldError> errors = new ArrayList<>();
        new TreeMap<>(map(resources)).forEach((name, quantity) -> {
            BigDecimal amount;
            try {
                amount = quantity.getNumericalAmount();
            } catch (RuntimeException e) {
                amount = null;
            }
            String text = text(quantity.getAmount()) + text(quantity.getFormat());
            if (amount == null) {
                errors.add(FieldError.invalid(path + "." + name, text, "must be a valid resource quantity"));
            } else if (amount.signum() < 0) {
                errors.add(FieldError.invalid(path + "." + name, text, FieldValidation.NEGATIVE));
            }
        });
        return errors;
    }
}
