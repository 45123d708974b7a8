package dev.skiff.controllers.replicaset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.selector.SelectorException;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Controller references ({@code metadata.ownerReferences[]} with {@code controller: true}): reading
 * an object's, making one that points at a controller, and the strategic merge patches that adopt
 * an object or release it, as Kubernetes' controller-ref manager sends them (with the object's uid
 * as a precondition, so a re-created object of the same name is never touched).
 */
public final class ControllerRefs {

    private ControllerRefs() {
    }

    /** The object's controller reference, if it has one. */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
    }

    /** Whether the object's controller is {@code owner} (same uid). */
    public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        return controllerOf(object).map(ref -> ref.getUid() != null && ref.getUid().equals(owner.getMetadata().getUid()))
                .orElse(false);
    }

    /**
     * The object of {@code kind} in the cache that controls {@code object}: its controller reference
     * names one in the object's namespace with the same uid (a re-created namesake is not it).
     */
    public static <T extends HasMetadata> Optional<T> cachedController(HasMetadata object, String kind, Informer<T> controllers) {
        return controllerOf(object)
                .filter(ref -> kind.equals(ref.getKind()))
                .flatMap(ref -> controllers.indexer().get(object.getMetadata().getNamespace() + "/" + ref.getName())
                        .filter(controller -> Objects.equals(controller.getMetadata().getUid(), ref.getUid())));
    }

    /**
     * The cached objects in {@code object}'s namespace whose selector matches its labels, which may
     * adopt it; an object without a selector, or with an empty or broken one, selects nothing.
     */
    public static <T extends HasMetadata> List<T> selecting(HasMetadata object, Informer<T> candidates,
                                                            Function<T, io.fabric8.kubernetes.api.model.LabelSelector> selectorOf) {
        Map<String, String> labels = Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
        List<T> matching = new ArrayList<>();
        for (T candidate : candidates.indexer().byIndex(Indexes.NAMESPACE, object.getMetadata().getNamespace())) {
            io.fabric8.kubernetes.api.model.LabelSelector spec = selectorOf.apply(candidate);
            if (spec == null) {
                continue;
            }
            try {
                LabelSelector selector = LabelSelector.from(spec);
                if (!selector.isEmpty() && selector.matches(labels)) {
                    matching.add(candidate);
                }
            } catch (SelectorException e) {
                // a broken selector selects nothing
            }
        }
        return matching;
    }

    /** A controller reference to {@code owner} that blocks its foreground deletion. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** A strategic merge patch that makes {@code owner} the controller of {@code object}. */
    public static String adoptPatch(HasMetadata owner, HasMetadata object) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(controllerRef(owner)));
        meta.put("uid", object.getMetadata().getUid());
        return patch.toString();
    }

    /** A strategic merge patch that removes {@code owner}'s reference from {@code object}. */
    public static String releasePatch(HasMetadata owner, HasMetadata object) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        ArrayNode refs = meta.putArray("ownerReferences");
        refs.addObject().put("$patch", "delete").put("uid", owner.getMetadata().getUid());
        meta.put("uid", object.getMetadata().getUid());
        return patch.toString();
    }
}
