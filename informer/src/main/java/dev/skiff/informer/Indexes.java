package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** The indexes every {@link Informer} keeps, by name, and their index functions. */
public final class Indexes {

    /** Objects by namespace; cluster-scoped ones under "". */
    public static final String NAMESPACE = "namespace";
    /** Pods by {@code spec.nodeName}; pods not yet scheduled under "". Other kinds are not in it. */
    public static final String NODE_NAME = "spec.nodeName";
    /** Objects by the UID of each of their owners ({@code metadata.ownerReferences[].uid}). */
    public static final String OWNER_UID = "ownerUID";

    private Indexes() {
    }

    public static List<String> namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return List.of(namespace == null ? "" : namespace);
    }

    public static List<String> nodeNameOf(HasMetadata object) {
        if (!(object instanceof Pod pod)) {
            return List.of();
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return List.of(node == null ? "" : node);
    }

    public static List<String> ownerUidsOf(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners == null ? List.of() : owners.stream()
                .map(OwnerReference::getUid)
                .filter(uid -> uid != null && !uid.isEmpty())
                .distinct()
                .toList();
    }
}
