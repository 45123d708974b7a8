package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A local, indexed cache of one resource kept current from an {@link EventSource}, which tells its
 * {@link ResourceEventHandler}s of every change, as client-go's shared informer. Several handlers (the
 * controllers of one process) can share one informer.
 *
 * <ul>
 *   <li>The cache ({@link #indexer()}) has the indexes of {@link Indexes} and any added with
 *       {@link #addIndex}.</li>
 *   <li>An event whose resourceVersion is not newer than the cached object's is dropped, so the
 *       re-sends of the Kafka relay (or a re-delivered watch event) reach no handler.</li>
 *   <li>A full state from the source ({@link EventSource.Listener#reset}) replaces the cache; the
 *       handlers hear of the objects added, changed and gone since.</li>
 *   <li>With a resync period, every cached object is handed to {@code onUpdate(obj, obj)} at that
 *       interval, so a level-triggered controller re-checks everything now and then.</li>
 *   <li>Changes to the cache and handler calls happen one at a time, on the source's thread or the
 *       resync thread.</li>
 * </ul>
 */
public final class Informer<T extends HasMetadata> {

    private static final System.Logger LOG = System.getLogger(Informer.class.getName());

    private final EventSource<T> source;
    private final Duration resyncPeriod;
    private final Indexer<T> indexer = new Indexer<>();
    private final List<ResourceEventHandler<? super T>> handlers = new CopyOnWriteArrayList<>();
    /** Held while the cache changes and handlers run, so they see changes one at a time and in order. */
    private final Object delivery = new Object();
    private final CountDownLatch synced = new CountDownLatch(1);
    private volatile String lastSyncResourceVersion = "";
    private ScheduledExecutorService resync;
    private boolean started;
    private volatile boolean stopped;

    /** An informer without periodic resync. */
    public Informer(EventSource<T> source) {
        this(source, Duration.ZERO);
    }

    /** An informer that resyncs its handlers at the period; {@link Duration#ZERO} for never. */
    public Informer(EventSource<T> source, Duration resyncPeriod) {
        if (resyncPeriod.isNegative()) {
            throw new IllegalArgumentException("the resync period must not be negative: " + resyncPeriod);
        }
        this.source = source;
        this.resyncPeriod = resyncPeriod;
        indexer.addIndex(Indexes.NAMESPACE, Indexes::namespaceOf);
        indexer.addIndex(Indexes.NODE_NAME, Indexes::nodeNameOf);
        indexer.addIndex(Indexes.OWNER_UID, Indexes::ownerUidsOf);
    }

    /** Adds a custom index to the cache; returns this informer. */
    public Informer<T> addIndex(String name, IndexFunction<? super T> function) {
        synchronized (delivery) {
            indexer.addIndex(name, function);
        }
        return this;
    }

    /**
     * Adds a handler. One added while the cache holds objects first gets {@code onAdd} for each of
     * them, as a handler added before the start would have.
     */
    public void addEventHandler(ResourceEventHandler<? super T> handler) {
        synchronized (delivery) {
            for (T object : indexer.list()) {
                call(handler, h -> h.onAdd(object));
            }
            handlers.add(handler);
        }
    }

    /** The cache. */
    public Indexer<T> indexer() {
        return indexer;
    }

    /** Whether the cache has held a full state from the source (its first list, or its topic read to the end). */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits until {@link #hasSynced()}; false if the timeout passed first. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The resourceVersion of the last full state or change taken; "" before any. */
    public String lastSyncResourceVersion() {
        return lastSyncResourceVersion;
    }

    /** Starts the source (and the resync); returns at once. Once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("an informer starts once");
        }
        started = true;
        if (!resyncPeriod.isZero()) {
            resync = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "skiff-informer-resync");
                thread.setDaemon(true);
                return thread;
            });
            long nanos = resyncPeriod.toNanos();
            resync.scheduleWithFixedDelay(this::resync, nanos, nanos, TimeUnit.NANOSECONDS);
        }
        source.start(new Delivery());
    }

    /** Stops the source and the resync; no handler is called once it returns. */
    public synchronized void stop() {
        stopped = true;
        if (resync != null) {
            resync.shutdownNow();
        }
        source.stop();
        synchronized (delivery) {
            // taking the lock waits out a resync still running; the stopped flag keeps any later one out
        }
    }

    private void resync() {
        synchronized (delivery) {
            if (stopped || !hasSynced()) {
                return;
            }
            for (T object : indexer.list()) {
                tellHandlers(h -> h.onUpdate(object, object));
            }
        }
    }

    private void tellHandlers(Consumer<ResourceEventHandler<? super T>> call) {
        for (ResourceEventHandler<? super T> handler : handlers) {
            call(handler, call);
        }
    }

    /** Calls one handler; a handler that throws is logged, and the others still hear of the change. */
    private void call(ResourceEventHandler<? super T> handler, Consumer<ResourceEventHandler<? super T>> call) {
        try {
            call.accept(handler);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an event handler of " + source + " failed", e);
        }
    }

    private static String resourceVersionOf(HasMetadata object) {
        return object.getMetadata().getResourceVersion();
    }

    /** What the source calls. */
    private final class Delivery implements EventSource.Listener<T> {

        @Override
        public void restore(List<T> objects) {
            synchronized (delivery) {
                if (stopped) {
                    return;
                }
                for (T object : objects) {
                    T cached = indexer.get(Indexer.keyOf(object)).orElse(null);
                    if (cached == null || ResourceVersions.isNewer(resourceVersionOf(object), resourceVersionOf(cached))) {
                        indexer.put(object);
                    }
                }
            }
        }

        @Override
        public void reset(List<T> objects, String resourceVersion) {
            synchronized (delivery) {
                if (stopped) {
                    return;
                }
                Map<String, T> current = new HashMap<>();
                for (T object : objects) {
                    current.put(Indexer.keyOf(object), object);
                }
                for (T object : current.values()) {
                    apply(object);
                }
                for (String key : indexer.listKeys()) {
                    if (!current.containsKey(key)) {
                        T gone = indexer.remove(key);
                        tellHandlers(h -> h.onDelete(gone));
                    }
                }
                lastSyncResourceVersion = resourceVersion == null ? "" : resourceVersion;
                synced.countDown();
            }
        }

        @Override
        public void event(EventType type, T object) {
            synchronized (delivery) {
                if (stopped) {
                    return;
                }
                boolean taken = type == EventType.DELETED ? delete(object) : apply(object);
                if (taken) {
                    lastSyncResourceVersion = resourceVersionOf(object);
                }
            }
        }

        @Override
        public void deleted(String key, String resourceVersion) {
            synchronized (delivery) {
                T cached = indexer.get(key).orElse(null);
                if (stopped || cached == null || !ResourceVersions.isNewer(resourceVersion, resourceVersionOf(cached))) {
                    return;
                }
                indexer.remove(key);
                lastSyncResourceVersion = resourceVersion == null ? lastSyncResourceVersion : resourceVersion;
                tellHandlers(h -> h.onDelete(cached));
            }
        }

        /** Caches an added or changed object unless the cache holds it at the same or a newer version. */
        private boolean apply(T object) {
            T cached = indexer.get(Indexer.keyOf(object)).orElse(null);
            if (cached == null) {
                indexer.put(object);
                tellHandlers(h -> h.onAdd(object));
                return true;
            }
            if (!ResourceVersions.isNewer(resourceVersionOf(object), resourceVersionOf(cached))) {
                return false;
            }
            indexer.put(object);
            tellHandlers(h -> h.onUpdate(cached, object));
            return true;
        }

        /** Removes a deleted object unless the cache holds a newer one (a re-created object of that name). */
        private boolean delete(T object) {
            String key = Indexer.keyOf(object);
            T cached = indexer.get(key).orElse(null);
            if (cached == null || !ResourceVersions.isNewer(resourceVersionOf(object), resourceVersionOf(cached))) {
                return false;
            }
            indexer.remove(key);
            tellHandlers(h -> h.onDelete(object));
            return true;
        }
    }
}
