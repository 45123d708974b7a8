package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Told by an {@link Informer} of each change to its cache, as client-go's handler of the same name.
 * Handlers run one at a time on the informer's delivery thread, after the cache changed; they
 * should be quick (typically: put a key on a {@link WorkQueue}) and must not modify the objects.
 */
public interface ResourceEventHandler<T extends HasMetadata> {

    default void onAdd(T object) {
    }

    /**
     * An object changed; on a periodic resync {@code oldObject} and {@code newObject} are the same
     * object, so a handler can tell a resync from a change by their resourceVersions.
     */
    default void onUpdate(T oldObject, T newObject) {
    }

    /** An object is gone: its final state if the source had it, else the last state the cache held. */
    default void onDelete(T object) {
    }
}
