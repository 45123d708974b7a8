package dev.skiff.controllers;

import dev.skiff.informer.Indexer;
import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.informer.WorkQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A controller's work queue and the workers that drain it, as client-go's controller loop: handlers
 * {@link #enqueue} keys at any time (also before {@link #start}: they wait); each worker takes a key,
 * reconciles it from the current state of the caches, forgets the key's back-off on success and
 * re-queues it rate-limited on failure (5 ms doubling to 1000 s). A key is never reconciled by two
 * workers at once. Started once and stopped once.
 */
public final class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    /** Reconciles one key ({@code namespace/name} or {@code name}); throws to be retried later. */
    @FunctionalInterface
    public interface Reconciler {
        void reconcile(String key) throws Exception;
    }

    private final String name;
    private final int workers;
    private final Reconciler reconciler;
    private final WorkQueue<String> queue;
    private final List<Thread> threads = new ArrayList<>();

    public ReconcileLoop(String name, int workers, Reconciler reconciler) {
        this(name, workers, reconciler, new WorkQueue<>());
    }

    public ReconcileLoop(String name, int workers, Reconciler reconciler, WorkQueue<String> queue) {
        if (workers < 1) {
            throw new IllegalArgumentException(name + " needs at least one worker, got " + workers);
        }
        this.name = name;
        this.workers = workers;
        this.reconciler = reconciler;
        this.queue = queue;
    }

    public void enqueue(String key) {
        queue.add(key);
    }

    /** A handler that queues the key of every object added, changed or deleted: for the controller's own kind. */
    public <T extends HasMetadata> ResourceEventHandler<T> enqueueEveryChange() {
        return enqueueEach(object -> Optional.of(Indexer.keyOf(object)));
    }

    private <T extends HasMetadata> ResourceEventHandler<T> enqueueEach(Function<T, Optional<String>> key) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                key.apply(object).ifPresent(ReconcileLoop.this::enqueue);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                key.apply(newObject).ifPresent(ReconcileLoop.this::enqueue);
            }

            @Override
            public void onDelete(T object) {
                key.apply(object).ifPresent(ReconcileLoop.this::enqueue);
            }
        };
    }

    private static Optional<String> ownerKey(HasMetadata object, String ownerKind) {
        return Optional.ofNullable(object.getMetadata().getOwnerReferences()).stream().flatMap(List::stream)
                .filter(ref -> Boolean.TRUE.equals(ref.getController()) && ownerKind.equals(ref.getKind()))
                .findFirst().map(ref -> object.getMetadata().getNamespace() + "/" + ref.getName());
    }

    /**
     * A handler that queues the key of the controller (of kind OWNER_KIND, in the object's namespace)
     * of every object added, changed or deleted: for the kinds the controller's own kind makes.
     */
    public <T extends HasMetadata> ResourceEventHandler<T> enqueueControllerOf(String ownerKind) {
        return enqueueEach(object -> ownerKey(object, ownerKind));
    }

    public void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /** Keys waiting to be reconciled. */
    public int pending() {
        return queue.len();
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException(name + " is started already");
        }
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(this::work, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops taking keys and waits up to {@code wait} for the workers to finish what they hold. */
    public void stop(Duration wait) {
        queue.shutDown();
        long deadline = System.nanoTime() + wait.toNanos();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work() {
        try {
            for (Optional<String> next = queue.get(); next.isPresent(); next = queue.get()) {
                String key = next.get();
                try {
                    reconciler.reconcile(key);
                    queue.forget(key);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    int retries = queue.numRequeues(key);
                    if (retries < 5 && isConflict(e)) {
                        LOG.debugf("%s: %s changed meanwhile, retrying: %s", name, key, e.getMessage());
                    } else {
                        LOG.warnf(e, "%s: reconciling %s failed (attempt %d), retrying", name, key, retries + 1);
                    }
                    queue.addRateLimited(key);
                } finally {
                    queue.done(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A write that lost a race with another writer: routine, the next pass sees the new state. */
    private static boolean isConflict(Exception e) {
        return e instanceof KubernetesClientException k && k.getCode() == 409;
    }
}
