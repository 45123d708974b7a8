package dev.skiff.informer;

import dev.skiff.api.events.Topics;
import dev.skiff.api.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An informer's local cache, as client-go's {@code cache.Indexer}: objects by key
 * ({@code namespace/name}, or {@code name} when cluster-scoped; the Kafka record key too) with
 * named secondary indexes. Readers may call it from any thread; only its informer changes it. The
 * objects are shared: copy one before changing it (e.g. {@code new PodBuilder(pod).build()}).
 */
public final class Indexer<T extends HasMetadata> {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> objects = new HashMap<>();
    private final Map<String, IndexFunction<? super T>> indexFunctions = new HashMap<>();
    /** Index name, then indexed value, then the keys of the objects under it. */
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

    /** The key of an object in the cache. */
    public static String keyOf(HasMetadata object) {
        return Topics.key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /**
     * Adds an index and fills it from the objects already cached.
     *
     * @throws IllegalArgumentException if an index of that name exists
     */
    public void addIndex(String name, IndexFunction<? super T> function) {
        lock.writeLock().lock();
        try {
            if (indexFunctions.putIfAbsent(name, function) != null) {
                throw new IllegalArgumentException("the index " + name + " exists already");
            }
            indexes.put(name, new HashMap<>());
            objects.forEach((key, object) -> index(name, function, key, object));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(objects.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<T> list() {
        lock.readLock().lock();
        try {
            return List.copyOf(objects.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The objects whose labels match the selector. */
    public List<T> list(LabelSelector selector) {
        return matching(list(), selector);
    }

    /** The objects of a namespace whose labels match the selector, as a client-go lister's {@code Pods(ns).List(selector)}. */
    public List<T> list(String namespace, LabelSelector selector) {
        return matching(byIndex(Indexes.NAMESPACE, namespace), selector);
    }

    public List<String> listKeys() {
        lock.readLock().lock();
        try {
            return List.copyOf(objects.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The objects indexed under the value in the named index.
     *
     * @throws IllegalArgumentException if there is no such index
     */
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> index = indexes.get(indexName);
            if (index == null) {
                throw new IllegalArgumentException("no index " + indexName + "; there are " + indexes.keySet());
            }
            return index.getOrDefault(value, Set.of()).stream().map(objects::get).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return objects.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces the object under its key; returns the one it replaced, if any. */
    T put(T object) {
        String key = keyOf(object);
        lock.writeLock().lock();
        try {
            T previous = objects.put(key, object);
            if (previous != null) {
                unindex(key, previous);
            }
            indexFunctions.forEach((name, function) -> index(name, function, key, object));
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object with the key; returns it, if there was one. */
    T remove(String key) {
        lock.writeLock().lock();
        try {
            T previous = objects.remove(key);
            if (previous != null) {
                unindex(key, previous);
            }
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void index(String name, IndexFunction<? super T> function, String key, T object) {
        Map<String, Set<String>> index = indexes.get(name);
        for (String value : function.values(object)) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }

    private void unindex(String key, T object) {
        indexFunctions.forEach((name, function) -> {
            Map<String, Set<String>> index = indexes.get(name);
            for (String value : function.values(object)) {
                Set<String> keys = index.get(value);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    index.remove(value);
                }
            }
        });
    }

    private static <T extends HasMetadata> List<T> matching(Collection<T> candidates, LabelSelector selector) {
        List<T> matches = new ArrayList<>();
        for (T object : candidates) {
            Map<String, String> labels = object.getMetadata().getLabels();
            if (selector.matches(labels == null ? Map.of() : labels)) {
                matches.add(object);
            }
        }
        return matches;
    }
}
