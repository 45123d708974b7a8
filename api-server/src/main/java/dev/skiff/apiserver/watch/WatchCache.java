package dev.skiff.apiserver.watch;

import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.storage.StorageKeys;
import dev.skiff.store.Store;
import dev.skiff.store.Watch;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.WatchListener;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One store watch per resource type, fanned out to every watcher of that type. Keeps a window of
 * recent events so a watch can resume from a resourceVersion without touching the store; a
 * watcher further behind than the window gets its own store watch instead.
 */
public final class WatchCache implements WatchListener {

    private static final Logger LOG = Logger.getLogger(WatchCache.class);
    private static final long RETRY_DELAY_MS = 1000;

    private final ResourceType type;
    private final Store store;
    private final int capacity;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<CachedEvent> window = new ArrayDeque<>();
    private final Set<CacheSubscriber> watchers = new CopyOnWriteArraySet<>();

    /** Events with a revision above this are all in the window or still to come. */
    private long startRevision;
    private long lastRevision;
    private Watch watch;
    private boolean closed;

    WatchCache(ResourceType type, Store store, int capacity, ScheduledExecutorService scheduler) {
        this.type = type;
        this.store = store;
        this.capacity = capacity;
        this.scheduler = scheduler;
    }

    synchronized void start() {
        startRevision = store.currentRevision();
        lastRevision = startRevision;
        window.clear();
        watch = store.watch(StorageKeys.prefix(type, null), startRevision, this);
    }

    public ResourceType type() {
        return type;
    }

    /**
     * Adds a subscriber that wants every event after {@code afterRevision}; replays what the
     * window holds. Returns false if the window does not reach back that far.
     */
    public synchronized boolean subscribe(CacheSubscriber watcher, long afterRevision) {
        if (afterRevision < startRevision) {
            return false;
        }
        for (CachedEvent event : window) {
            if (event.revision() > afterRevision) {
                watcher.offer(event);
            }
        }
        watchers.add(watcher);
        return true;
    }

    public void unsubscribe(CacheSubscriber watcher) {
        watchers.remove(watcher);
    }

    /** The newest revision this cache has seen for its resource. */
    public synchronized long lastRevision() {
        return lastRevision;
    }

    /** Sends a bookmark at the cache's revision to the watchers that asked for them. */
    synchronized void bookmark() {
        for (CacheSubscriber w : watchers) {
            w.bookmark(lastRevision);
        }
    }

    int watcherCount() {
        return watchers.size();
    }

    @Override
    public synchronized void onEvent(WatchEvent event) {
        CachedEvent cached = CachedEvent.from(event);
        window.addLast(cached);
        if (window.size() > capacity) {
            window.removeFirst();
            startRevision = window.peekFirst().revision() - 1;
        }
        lastRevision = event.revision();
        for (CacheSubscriber w : watchers) {
            w.offer(cached);
        }
    }

    @Override
    public synchronized void onCompacted(long compactedRevision) {
        LOG.warnf("watch cache of %s fell behind compaction at revision %d; watchers must re-list",
                type.qualifiedName(), compactedRevision);
        expireAll("too old resource version: " + lastRevision + " (" + compactedRevision + ")");
        restartLater();
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (closed) {
            return;
        }
        LOG.warnf(error, "watch of %s failed at revision %d; resuming", type.qualifiedName(), lastRevision);
        scheduler.schedule(this::resume, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void resume() {
        if (closed) {
            return;
        }
        try {
            watch = store.watch(StorageKeys.prefix(type, null), lastRevision, this);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    private void restartLater() {
        scheduler.schedule(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    start();
                } catch (RuntimeException e) {
                    onError(e);
                }
            }
        }, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void expireAll(String message) {
        List<CacheSubscriber> all = List.copyOf(watchers);
        watchers.clear();
        for (CacheSubscriber w : all) {
            w.expire(message);
        }
    }

    synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
        List<CacheSubscriber> all = List.copyOf(watchers);
        watchers.clear();
        all.forEach(CacheSubscriber::close);
    }
}
