package dev.skiff.api.resource;

import dev.skiff.api.defaults.NamespaceDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.NamespaceValidation;
import io.fabric8.kubernetes.api.model.Namespace;

import java.util.List;
import java.util.Map;

/** Namespaces (v1, cluster-scoped). */
public final class NamespaceStrategy extends TypedStrategy<Namespace> {

    public NamespaceStrategy() {
        super(Namespace.class);
    }

    @Override
    protected void defaults(Namespace namespace) {
        NamespaceDefaults.apply(namespace);
    }

    @Override
    protected List<FieldError> validate(Namespace namespace) {
        return NamespaceValidation.validate(namespace);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(Namespace object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(Namespace namespace) {
        return namespace.getSpec();
    }

    @Override
    protected void addSelectableFields(Namespace namespace, Map<String, String> fields) {
        fields.put("status.phase", namespace.getStatus() == null ? "" : orEmpty(namespace.getStatus().getPhase()));
    }
}
