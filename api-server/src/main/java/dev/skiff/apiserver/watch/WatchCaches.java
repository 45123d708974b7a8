package dev.skiff.apiserver.watch;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.storage.StorageKeys;
import dev.skiff.store.Store;
import dev.skiff.store.Watch;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.WatchListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The watch cache of every resource type, started with the api-server, and how a watcher joins one. */
@ApplicationScoped
public class WatchCaches {

    private final Store store;
    private final ResourceRegistry registry;
    private final SkiffConfig.WatchConfig config;
    private final Map<ResourceType, WatchCache> caches = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public WatchCaches(Store store, ResourceRegistry registry, SkiffConfig config) {
        this.store = store;
        this.registry = registry;
        this.config = config.api().watch();
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skiff-watch-cache");
            t.setDaemon(true);
            return t;
        });
        for (ResourceType type : registry.all()) {
            WatchCache cache = new WatchCache(type, store, config.cacheWindow(), scheduler);
            cache.start();
            caches.put(type, cache);
        }
        long every = config.bookmarkInterval().toMillis();
        scheduler.scheduleAtFixedRate(() -> caches.values().forEach(WatchCache::bookmark), every, every,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        caches.values().forEach(WatchCache::close);
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public WatchCache cache(ResourceType type) {
        return caches.get(type);
    }

    /**
     * Feeds the watcher every event after {@code afterRevision}: from the type's cache when its
     * window reaches back that far, otherwise from a store watch of its own. A revision the store
     * has compacted away always goes to the store, which reports it, so the client gets 410
     * Expired and re-lists.
     */
    public void attach(ResourceType type, String namespace, Watcher watcher, long afterRevision) {
        WatchCache cache = caches.get(type);
        boolean compacted = afterRevision < store.compactedRevision();
        if (!compacted && cache.subscribe(watcher, afterRevision)) {
            watcher.onClose(() -> cache.unsubscribe(watcher));
            return;
        }
        Watch watch = store.watch(StorageKeys.prefix(type, namespace), afterRevision, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                watcher.offer(CachedEvent.from(event));
            }

            @Override
            public void onCompacted(long compactedRevision) {
                watcher.expire("too old resource version: " + afterRevision + " (" + compactedRevision + ")");
            }

            @Override
            public void onError(Throwable error) {
                watcher.finish();
            }
        });
        watcher.onClose(watch::close);
    }
}
