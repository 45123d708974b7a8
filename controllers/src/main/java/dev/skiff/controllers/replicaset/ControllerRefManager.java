package dev.skiff.controllers.replicaset;

import dev.skiff.api.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decides which objects a controller owns, as Kubernetes' {@code ControllerRefManager}: those whose
 * controller reference points at it and that its selector matches; it adopts orphans its selector
 * matches (unless it is being deleted, or a fresh read shows it gone or replaced) and releases
 * objects it controls that its selector no longer matches. Objects of other controllers are left
 * alone. One manager serves one reconcile pass.
 */
public final class ControllerRefManager<T extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(ControllerRefManager.class);

    /** What to do with one candidate. */
    public enum Claim { OWNED, ADOPT, RELEASE, IGNORE }

    private final KubernetesClient client;
    private final Class<T> type;
    private final HasMetadata owner;
    private final LabelSelector selector;
    private final Supplier<HasMetadata> freshOwner;
    private Boolean canAdopt;

    /**
     * @param freshOwner reads the owner from the api-server (null when gone), checked once before the
     *                   first adoption
     */
    public ControllerRefManager(KubernetesClient client, Class<T> type, HasMetadata owner, LabelSelector selector,
                                Supplier<HasMetadata> freshOwner) {
        this.client = client;
        this.type = type;
        this.owner = owner;
        this.selector = selector;
        this.freshOwner = freshOwner;
    }

    /** What the owner does with {@code object} under {@code selector}. */
    public static Claim decide(HasMetadata owner, LabelSelector selector, HasMetadata object) {
        boolean ownerDeleting = owner.getMetadata().getDeletionTimestamp() != null;
        boolean matches = selector.matches(Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of()));
        if (ControllerRefs.controllerOf(object).isPresent()) {
            if (!ControllerRefs.isControlledBy(object, owner)) {
                return Claim.IGNORE;
            }
            if (matches) {
                return Claim.OWNED;
            }
            return ownerDeleting ? Claim.IGNORE : Claim.RELEASE;
        }
        if (!matches || ownerDeleting || object.getMetadata().getDeletionTimestamp() != null) {
            return Claim.IGNORE;
        }
        return Claim.ADOPT;
    }

    /** The candidates the owner controls after adopting and releasing what it should. */
    public List<T> claim(List<T> candidates) {
        List<T> claimed = new ArrayList<>();
        for (T object : candidates) {
            switch (decide(owner, selector, object)) {
                case OWNED -> claimed.add(object);
                case ADOPT -> {
                    if (mayAdopt() && patch(object, ControllerRefs.adoptPatch(owner, object), "adopted")) {
                        claimed.add(object);
                    }
                }
                case RELEASE -> patch(object, ControllerRefs.releasePatch(owner, object), "released");
                case IGNORE -> {
                }
            }
        }
        return claimed;
    }

    private boolean mayAdopt() {
        if (canAdopt == null) {
            HasMetadata current = freshOwner.get();
            canAdopt = current != null && Objects.equals(current.getMetadata().getUid(), owner.getMetadata().getUid())
                    && current.getMetadata().getDeletionTimestamp() == null;
        }
        return canAdopt;
    }

    /** Patches the object; false if it is gone or refuses the change (nothing to own then). */
    private boolean patch(T object, String patch, String what) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        try {
            client.resources(type).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
            LOG.infof("%s %s/%s: %s %s %s", owner.getKind().toLowerCase(), namespace, owner.getMetadata().getName(), what,
                    object.getKind().toLowerCase(), name);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 422) {
                LOG.debugf("%s %s/%s: could not mark %s %s as %s: %s", owner.getKind().toLowerCase(), namespace,
                        owner.getMetadata().getName(), object.getKind().toLowerCase(), name, what, e.getMessage());
                return false;
            }
            throw e;
        }
    }
}
