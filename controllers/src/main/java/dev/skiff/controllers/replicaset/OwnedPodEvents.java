package dev.skiff.controllers.replicaset;

import dev.skiff.informer.Indexer;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pod events of a controller whose objects own pods through a controller reference (a
 * ReplicaSet, a DaemonSet), as Kubernetes' {@code addPod}/{@code updatePod}/{@code deletePod}: a
 * pod's owner is looked at again, and told a create or delete it expected was seen; an orphan's
 * possible adopters are looked at; a pod whose owner or labels changed, by its old owner too.
 */
public final class OwnedPodEvents<T extends HasMetadata> implements ResourceEventHandler<Pod> {

    private final String kind;
    private final Informer<T> owners;
    private final Function<T, LabelSelector> selectorOf;
    private final ControllerExpectations expectations;
    private final Consumer<T> enqueue;

    /**
     * @param kind       the owners' kind, as controller references name it
     * @param selectorOf an owner's pod selector (null: none)
     */
    public OwnedPodEvents(String kind, Informer<T> owners, Function<T, LabelSelector> selectorOf, ControllerExpectations expectations,
                          Consumer<T> enqueue) {
        this.kind = kind;
        this.owners = owners;
        this.selectorOf = selectorOf;
        this.expectations = expectations;
        this.enqueue = enqueue;
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            onDelete(pod);
            return;
        }
        if (ControllerRefs.controllerOf(pod).isPresent()) {
            owner(pod).ifPresent(owner -> {
                expectations.creationObserved(Indexer.keyOf(owner));
                enqueue.accept(owner);
            });
            return;
        }
        ControllerRefs.selecting(pod, owners, selectorOf).forEach(enqueue);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        if (Objects.equals(old.getMetadata().getResourceVersion(), pod.getMetadata().getResourceVersion())) {
            return;
        }
        boolean labelsChanged = !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels());
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            onDelete(pod);
            if (labelsChanged) {
                onDelete(old);
            }
            return;
        }
        Optional<OwnerReference> oldRef = ControllerRefs.controllerOf(old);
        Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
        boolean refChanged = !Objects.equals(oldRef.map(OwnerReference::getUid), ref.map(OwnerReference::getUid));
        if (refChanged && oldRef.isPresent()) {
            owner(old).ifPresent(enqueue);
        }
        if (ref.isPresent()) {
            owner(pod).ifPresent(enqueue);
            return;
        }
        if (labelsChanged || refChanged) {
            ControllerRefs.selecting(pod, owners, selectorOf).forEach(enqueue);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        owner(pod).ifPresent(owner -> {
            expectations.deletionObserved(Indexer.keyOf(owner), Indexer.keyOf(pod));
            enqueue.accept(owner);
        });
    }

    private Optional<T> owner(Pod pod) {
        return ControllerRefs.cachedController(pod, kind, owners);
    }
}
