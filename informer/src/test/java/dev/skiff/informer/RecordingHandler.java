package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that writes down each call as {@code add key@rv}, {@code update key@rv->rv}, {@code delete key@rv}. */
final class RecordingHandler<T extends HasMetadata> implements ResourceEventHandler<T> {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onAdd(T object) {
        calls.add("add " + describe(object));
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
        calls.add("update " + describe(oldObject) + "->" + newObject.getMetadata().getResourceVersion());
    }

    @Override
    public void onDelete(T object) {
        calls.add("delete " + describe(object));
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    private static String describe(HasMetadata object) {
        return Indexer.keyOf(object) + "@" + object.getMetadata().getResourceVersion();
    }
}
