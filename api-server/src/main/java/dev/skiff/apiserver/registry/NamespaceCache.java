package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.apiserver.storage.ResourceStorage;
import dev.skiff.apiserver.storage.StorageKeys;
import dev.skiff.apiserver.watch.CacheSubscriber;
import dev.skiff.apiserver.watch.CachedEvent;
import dev.skiff.apiserver.watch.WatchCaches;
import dev.skiff.store.KeyValue;
import dev.skiff.store.ListResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which namespaces exist and which are terminating, kept current from the namespaces' watch
 * cache, so that creating an object does not read its namespace from the store every time (the
 * role of Kubernetes' NamespaceLifecycle admission and its informer). A namespace this cache has
 * not seen yet is read from the store.
 */
@ApplicationScoped
public class NamespaceCache implements CacheSubscriber {

    private static final Logger LOG = Logger.getLogger(NamespaceCache.class);

    private final ResourceStorage storage;
    private final WatchCaches caches;
    private final ResourceType namespaces;
    /** Namespace name to "is terminating". */
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    /** False after the watch was lost, until a reload succeeds; meanwhile every lookup reads the store. */
    private volatile boolean live;

    public NamespaceCache(ResourceStorage storage, WatchCaches caches, ResourceRegistry registry) {
        this.storage = storage;
        this.caches = caches;
        this.namespaces = registry.find("", "v1", "namespaces").orElseThrow();
    }

    /** Runs after the watch caches have started. */
    void start(@Observes @Priority(3000) StartupEvent event) {
        load();
    }

    private synchronized void load() {
        known.clear();
        ListResult all = storage.list(StorageKeys.prefix(namespaces, null), 0, null, 0);
        for (KeyValue kv : all.items()) {
            remember(ObjectCodec.decode(kv));
        }
        if (!caches.cache(namespaces).subscribe(this, all.revision())) {
            throw new IllegalStateException("the namespaces watch cache does not reach back to revision " + all.revision());
        }
        live = true;
    }

    /** The namespace, if it exists: true if it is terminating. */
    public Optional<Boolean> terminating(String name) {
        if (!live) {
            reload();
        }
        Boolean state = live ? known.get(name) : null;
        if (state != null) {
            return Optional.of(state);
        }
        return storage.find(namespaces, null, name).map(ObjectMeta::isDeleting);
    }

    private void reload() {
        try {
            load();
        } catch (RuntimeException e) {
            LOG.debugf("namespace cache not reloaded yet: %s", e.getMessage());
        }
    }

    private void remember(ObjectNode namespace) {
        known.put(ObjectMeta.name(namespace), ObjectMeta.isDeleting(namespace));
    }

    @Override
    public void offer(CachedEvent event) {
        if (event.type().equals("DELETED")) {
            known.remove(ObjectMeta.name(event.object()));
        } else {
            remember(event.object());
        }
    }

    @Override
    public void bookmark(long revision) {
        // nothing to do: the map is current up to the last event
    }

    @Override
    public void expire(String message) {
        LOG.warnf("namespace cache lost its watch (%s); reading namespaces from the store until it reloads", message);
        live = false;
        known.clear();
    }

    @Override
    public void close() {
        live = false;
        known.clear();
    }
}
