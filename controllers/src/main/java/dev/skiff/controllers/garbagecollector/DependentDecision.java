package dev.skiff.controllers.garbagecollector;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the garbage collector does with an object that has owner references, given the state of
 * each owner, as Kubernetes' {@code attemptToDeleteItem}:
 * <ul>
 *   <li>some owner holds: the object stays, but references to owners that are gone or waiting for
 *       their dependents' deletion are removed (so a foreground deletion does not wait for an
 *       object another owner keeps);</li>
 *   <li>no owner holds, one waits for its dependents, and the object has dependents of its own:
 *       it is deleted in the foreground, so the deletion cascades down before the owner goes;</li>
 *   <li>otherwise it is deleted, propagating as its own finalizers ask ({@code orphan}: Orphan,
 *       {@code foregroundDeletion}: Foreground), else in the background.</li>
 * </ul>
 */
final class DependentDecision {

    static final String ORPHAN_FINALIZER = "orphan";
    static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    /** The outcome. */
    sealed interface Action permits Keep, RemoveOwnerReferences, Delete {
    }

    /** Nothing to do. */
    record Keep() implements Action {
    }

    /** Drop the references to these owner UIDs. */
    record RemoveOwnerReferences(Set<String> ownerUids) implements Action {
    }

    /** Delete the object with this propagation policy ({@code Background}, {@code Foreground} or {@code Orphan}). */
    record Delete(String propagationPolicy) implements Action {
    }

    private DependentDecision() {
    }

    /**
     * @param owners        each owner's UID and what was found behind it; not empty
     * @param hasDependents whether other objects name this one as their owner
     * @param finalizers    this object's finalizers
     */
    static Action decide(Map<String, OwnerState> owners, boolean hasDependents, Collection<String> finalizers) {
        Set<String> solid = uidsIn(owners, OwnerState.SOLID);
        Set<String> dangling = uidsIn(owners, OwnerState.DANGLING);
        Set<String> waiting = uidsIn(owners, OwnerState.WAITING_FOR_DEPENDENTS_DELETION);
        if (!solid.isEmpty()) {
            if (dangling.isEmpty() && waiting.isEmpty()) {
                return new Keep();
            }
            Set<String> remove = new LinkedHashSet<>(dangling);
            remove.addAll(waiting);
            return new RemoveOwnerReferences(remove);
        }
        if (!waiting.isEmpty() && hasDependents) {
            return new Delete("Foreground");
        }
        if (finalizers.contains(ORPHAN_FINALIZER)) {
            return new Delete("Orphan");
        }
        if (finalizers.contains(FOREGROUND_FINALIZER)) {
            return new Delete("Foreground");
        }
        return new Delete("Background");
    }

    private static Set<String> uidsIn(Map<String, OwnerState> owners, OwnerState state) {
        Set<String> uids = new LinkedHashSet<>();
        owners.forEach((uid, s) -> {
            if (s == state) {
                uids.add(uid);
            }
        });
        return uids;
    }
}
