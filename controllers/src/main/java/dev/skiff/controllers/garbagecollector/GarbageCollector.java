package dev.skiff.controllers.garbagecollector;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.garbagecollector.DependentDecision.Action;
import dev.skiff.controllers.garbagecollector.DependentDecision.Delete;
import dev.skiff.controllers.garbagecollector.DependentDecision.RemoveOwnerReferences;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.skiff.controllers.garbagecollector.DependentDecision.FOREGROUND_FINALIZER;
import static dev.skiff.controllers.garbagecollector.DependentDecision.ORPHAN_FINALIZER;

/**
 * Kubernetes' garbage collector over owner references. The api-server turns a deletion's
 * propagation policy into a finalizer; the collector does the rest:
 * <ul>
 *   <li><b>Background</b>: an object whose owners are all gone is deleted; one with some owners
 *       left loses the references to the gone ones (see {@link DependentDecision}). "Gone" is
 *       confirmed with a GET of the owner (name and UID) before anything is written, so a stale
 *       cache never deletes an object.</li>
 *   <li><b>Foreground</b>: an owner being deleted with the {@code foregroundDeletion} finalizer has
 *       its dependents deleted (themselves in the foreground when they have dependents); once no
 *       dependent with {@code blockOwnerDeletion} is left, the finalizer is removed and the
 *       api-server deletes the owner.</li>
 *   <li><b>Orphan</b>: an owner being deleted with the {@code orphan} finalizer has its reference
 *       removed from every dependent, then the finalizer.</li>
 * </ul>
 * Keys are objects of the watched kinds ({@link MonitoredKinds}); an object is queued when it
 * changes, and its dependents and owners when it goes.
 */
@Singleton
public class GarbageCollector implements Controller {

    static final String NAME = "garbage-collector";
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    private ObjectGraph graph;
    private ApiObjects api;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        List<MonitoredKind> kinds = new ArrayList<>();
        for (Class<? extends HasMetadata> objectClass : MonitoredKinds.CLASSES) {
            kinds.add(new MonitoredKind(context.informers().type(objectClass), context.informers().informer(objectClass)));
        }
        graph = new ObjectGraph(kinds, ResourceRegistry.builtIn());
        api = new ApiObjects(context.client());
        loop = context.reconcileLoop(NAME, context.config().garbageCollector().workers(), this::reconcile);
        for (MonitoredKind kind : kinds) {
            kind.informer().addEventHandler(new Handler(kind));
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
    }

    /** Queues what a change may concern: the object itself, and its dependents and owners when it goes or starts going. */
    private final class Handler implements ResourceEventHandler<HasMetadata> {

        private final MonitoredKind kind;

        Handler(MonitoredKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(HasMetadata object) {
            loop.enqueue(kind.key(object));
            if (isDeleting(object)) {
                enqueueDependents(object);
            }
        }

        @Override
        public void onUpdate(HasMetadata oldObject, HasMetadata newObject) {
            loop.enqueue(kind.key(newObject));
            if (oldObject == newObject) {
                return;
            }
            if (isDeleting(newObject) && (!isDeleting(oldObject) || !finalizers(newObject).equals(finalizers(oldObject)))) {
                enqueueDependents(newObject);
            }
            if (!ownerReferences(oldObject).equals(ownerReferences(newObject)) || isDeleting(newObject) != isDeleting(oldObject)) {
                enqueueOwners(oldObject);
            }
        }

        @Override
        public void onDelete(HasMetadata object) {
            enqueueDependents(object);
            enqueueOwners(object);
        }
    }

    private void enqueueDependents(HasMetadata owner) {
        for (HasMetadata dependent : graph.dependentsOf(owner.getMetadata().getUid())) {
            loop.enqueue(graph.kindOf(dependent).key(dependent));
        }
    }

    private void enqueueOwners(HasMetadata dependent) {
        for (OwnerReference reference : ownerReferences(dependent)) {
            graph.ownerKey(reference, dependent.getMetadata().getNamespace()).ifPresent(loop::enqueue);
        }
    }

    void reconcile(String key) {
        Optional<Map.Entry<MonitoredKind, String>> parsed = graph.parse(key);
        if (parsed.isEmpty()) {
            LOG.warnf("garbage collector: ignoring the malformed key %s", key);
            return;
        }
        MonitoredKind kind = parsed.get().getKey();
        HasMetadata item = kind.cached(parsed.get().getValue()).orElse(null);
        if (item == null) {
            return;
        }
        if (isDeleting(item)) {
            if (finalizers(item).contains(ORPHAN_FINALIZER)) {
                orphanDependents(kind, item);
            } else if (finalizers(item).contains(FOREGROUND_FINALIZER)) {
                deleteDependentsFirst(kind, item);
            }
            return;
        }
        if (ownerReferences(item).isEmpty() || allSolidInCache(item)) {
            return;
        }
        collect(kind, item);
    }

    /** Decides on a dependent from live reads, its own and its owners', and acts. */
    private void collect(MonitoredKind kind, HasMetadata cached) {
        ResourceType type = kind.type();
        HasMetadata latest = api.get(type, cached.getMetadata().getNamespace(), cached.getMetadata().getName()).orElse(null);
        if (latest == null || !Objects.equals(latest.getMetadata().getUid(), cached.getMetadata().getUid())
                || isDeleting(latest) || ownerReferences(latest).isEmpty()) {
            return;
        }
        Map<String, OwnerState> owners = new LinkedHashMap<>();
        for (OwnerReference reference : ownerReferences(latest)) {
            owners.put(reference.getUid(), liveState(reference, latest));
        }
        boolean hasDependents = !graph.dependentsOf(latest.getMetadata().getUid()).isEmpty();
        Action action = DependentDecision.decide(owners, hasDependents, finalizers(latest));
        if (action instanceof RemoveOwnerReferences remove) {
            List<OwnerReference> remaining = ownerReferences(latest).stream()
                    .filter(reference -> !remove.ownerUids().contains(reference.getUid()))
                    .toList();
            api.setOwnerReferences(type, latest, remaining);
            LOG.infof("%s %s: removed its references to owners %s, which are gone or being deleted, and kept the others",
                    type.singular(), describe(latest), remove.ownerUids());
        } else if (action instanceof Delete delete) {
            if (api.delete(type, latest, delete.propagationPolicy())) {
                LOG.infof("%s %s: deleted (propagation %s), its owners %s are gone or being deleted", type.singular(),
                        describe(latest), delete.propagationPolicy(), owners.keySet());
            }
        }
    }

    /** True if every owner of the object is in the cache with the referenced UID and not waiting for its dependents. */
    private boolean allSolidInCache(HasMetadata object) {
        for (OwnerReference reference : ownerReferences(object)) {
            Optional<ResourceType> type = graph.ownerType(reference);
            if (type.isEmpty() || unresolvable(type.get(), object)) {
                continue;
            }
            Optional<HasMetadata> owner = graph.monitored(type.get())
                    .flatMap(kind -> kind.cached(object.getMetadata().getNamespace(), reference.getName()))
                    .filter(o -> Objects.equals(o.getMetadata().getUid(), reference.getUid()));
            if (owner.isEmpty() || stateOf(owner.get()) != OwnerState.SOLID) {
                return false;
            }
        }
        return true;
    }

    /** What the api-server has behind the reference (the cache first, confirmed with a GET when it lacks the owner). */
    private OwnerState liveState(OwnerReference reference, HasMetadata dependent) {
        Optional<ResourceType> type = graph.ownerType(reference);
        if (type.isEmpty()) {
            LOG.debugf("%s: owner reference to %s %s of a kind Skiff does not serve, left alone", describe(dependent),
                    reference.getApiVersion(), reference.getKind());
            return OwnerState.SOLID;
        }
        if (unresolvable(type.get(), dependent)) {
            return OwnerState.SOLID;
        }
        String namespace = dependent.getMetadata().getNamespace();
        Optional<HasMetadata> cached = graph.monitored(type.get())
                .flatMap(kind -> kind.cached(namespace, reference.getName()))
                .filter(o -> Objects.equals(o.getMetadata().getUid(), reference.getUid()));
        if (cached.isPresent() && stateOf(cached.get()) == OwnerState.SOLID) {
            return OwnerState.SOLID;
        }
        return api.get(type.get(), namespace, reference.getName())
                .filter(o -> Objects.equals(o.getMetadata().getUid(), reference.getUid()))
                .map(GarbageCollector::stateOf)
                .orElse(OwnerState.DANGLING);
    }

    /** A cluster-scoped object cannot be owned by a namespaced one: Kubernetes leaves such references unresolved. */
    private static boolean unresolvable(ResourceType ownerType, HasMetadata dependent) {
        String namespace = dependent.getMetadata().getNamespace();
        return ownerType.namespaced() && (namespace == null || namespace.isEmpty());
    }

    private static OwnerState stateOf(HasMetadata owner) {
        return isDeleting(owner) && finalizers(owner).contains(FOREGROUND_FINALIZER)
                ? OwnerState.WAITING_FOR_DEPENDENTS_DELETION : OwnerState.SOLID;
    }

    /** Orphan propagation: every dependent loses its reference to the owner, then the owner its finalizer. */
    private void orphanDependents(MonitoredKind kind, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        List<HasMetadata> dependents = graph.dependentsOf(uid);
        for (HasMetadata dependent : dependents) {
            List<OwnerReference> remaining = ownerReferences(dependent).stream()
                    .filter(reference -> !uid.equals(reference.getUid()))
                    .toList();
            api.setOwnerReferences(graph.kindOf(dependent).type(), dependent, remaining);
            LOG.debugf("%s %s: orphaned, its owner %s %s is being deleted", graph.kindOf(dependent).type().singular(),
                    describe(dependent), kind.type().singular(), describe(owner));
        }
        api.setFinalizers(kind.type(), owner, without(finalizers(owner), ORPHAN_FINALIZER));
        LOG.infof("%s %s: orphaned %d dependents, removed the %s finalizer", kind.type().singular(), describe(owner),
                dependents.size(), ORPHAN_FINALIZER);
    }

    /**
     * Foreground propagation: the owner's dependents are queued (each is deleted, as its decision
     * sees the owner waiting); once none that blocks the owner's deletion is left, its finalizer goes.
     */
    private void deleteDependentsFirst(MonitoredKind kind, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        List<HasMetadata> dependents = graph.dependentsOf(uid);
        List<HasMetadata> blocking = dependents.stream().filter(dependent -> blocksDeletionOf(dependent, uid)).toList();
        if (blocking.isEmpty()) {
            api.setFinalizers(kind.type(), owner, without(finalizers(owner), FOREGROUND_FINALIZER));
            LOG.infof("%s %s: no dependent blocks its deletion any more, removed the %s finalizer", kind.type().singular(),
                    describe(owner), FOREGROUND_FINALIZER);
            return;
        }
        for (HasMetadata dependent : dependents) {
            if (!isDeleting(dependent)) {
                loop.enqueue(graph.kindOf(dependent).key(dependent));
            }
        }
        LOG.debugf("%s %s: waiting for %d dependents to be deleted", kind.type().singular(), describe(owner), blocking.size());
    }

    /** True if the dependent's reference to the owner has {@code blockOwnerDeletion: true}. */
    static boolean blocksDeletionOf(HasMetadata dependent, String ownerUid) {
        return ownerReferences(dependent).stream()
                .anyMatch(reference -> ownerUid.equals(reference.getUid()) && Boolean.TRUE.equals(reference.getBlockOwnerDeletion()));
    }

    private static boolean isDeleting(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }

    private static List<String> finalizers(HasMetadata object) {
        return object.getMetadata().getFinalizers() == null ? List.of() : object.getMetadata().getFinalizers();
    }

    private static List<OwnerReference> ownerReferences(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() == null ? List.of() : object.getMetadata().getOwnerReferences();
    }

    private static List<String> without(List<String> finalizers, String finalizer) {
        return finalizers.stream().filter(f -> !f.equals(finalizer)).toList();
    }

    private static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }
}
