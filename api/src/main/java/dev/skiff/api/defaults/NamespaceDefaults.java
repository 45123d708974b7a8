package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.api.validation.NullSafe.isEmpty;

/**
 * A namespace is Active, and carries the "kubernetes" finalizer so that its contents are deleted before it
 * is. Once the namespace is being deleted the finalizer is not put back: the namespace controller removes it
 * when the namespace is empty.
 */
public final class NamespaceDefaults {

    private static final String KUBERNETES_FINALIZER = "kubernetes";

    private NamespaceDefaults() {
    }

    public static void apply(Namespace namespace) {
        if (namespace.getStatus() == null) {
            namespace.setStatus(new NamespaceStatus());
        }
        if (isEmpty(namespace.getStatus().getPhase())) {
            namespace.getStatus().setPhase("Active");
        }
        if (namespace.getSpec() == null) {
            namespace.setSpec(new NamespaceSpec());
        }
        boolean beingDeleted = namespace.getMetadata() != null
                && namespace.getMetadata().getDeletionTimestamp() != null;
        List<String> finalizers = namespace.getSpec().getFinalizers() == null ? new ArrayList<>()
                : new ArrayList<>(namespace.getSpec().getFinalizers());
        if (!beingDeleted && !finalizers.contains(KUBERNETES_FINALIZER)) {
            finalizers.add(KUBERNETES_FINALIZER);
            namespace.getSpec().setFinalizers(finalizers);
        }
    }
}
