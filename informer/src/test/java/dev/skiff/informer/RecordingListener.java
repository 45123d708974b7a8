package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A source's listener that writes down what it is told about the objects of one namespace:
 * {@code restore [keys]}, {@code reset [keys]}, {@code ADDED key}, {@code deleted key}. It keeps the
 * objects of the last reset and the newest resourceVersion it was told of.
 */
final class RecordingListener<T extends HasMetadata> implements EventSource.Listener<T> {

    private final String namespace;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<T> objects = new CopyOnWriteArrayList<>();
    private volatile List<T> lastReset = List.of();
    private volatile String resourceVersion = "";

    RecordingListener(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public void restore(List<T> restored) {
        calls.add("restore " + keys(restored));
    }

    @Override
    public void reset(List<T> state, String resourceVersion) {
        lastReset = state.stream().filter(this::mine).toList();
        this.resourceVersion = resourceVersion;
        calls.add("reset " + keys(state));
    }

    @Override
    public void event(EventType type, T object) {
        resourceVersion = object.getMetadata().getResourceVersion();
        if (mine(object)) {
            objects.add(object);
            calls.add(type + " " + Indexer.keyOf(object));
        }
    }

    @Override
    public void deleted(String key, String resourceVersion) {
        this.resourceVersion = resourceVersion;
        if (key.startsWith(namespace + "/")) {
            calls.add("deleted " + key);
        }
    }

    /** The objects of the events, in order. */
    List<T> eventObjects() {
        return List.copyOf(objects);
    }

    String resourceVersion() {
        return resourceVersion;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    List<T> lastReset() {
        return lastReset;
    }

    long resets() {
        return calls.stream().filter(c -> c.startsWith("reset")).count();
    }

    private boolean mine(HasMetadata object) {
        return namespace.equals(object.getMetadata().getNamespace());
    }

    private List<String> keys(List<? extends HasMetadata> state) {
        return state.stream().filter(this::mine).map(Indexer::keyOf).sorted().toList();
    }
}
