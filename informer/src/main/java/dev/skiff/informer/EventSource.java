package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * Where an {@link Informer} gets the state of a resource and its changes: the api-server's watch
 * ({@link WatchEventSource}) or the resource's Kafka topic ({@link KafkaEventSource}). The informer
 * above this seam is the same for both.
 *
 * <p>A source calls its listener from one thread at a time, in order. Its first full state is a
 * {@link Listener#reset}, possibly preceded by a {@link Listener#restore}; changes follow.
 */
public interface EventSource<T extends HasMetadata> {

    /** Starts delivering to the listener, in the background; returns at once. Called once. */
    void start(Listener<T> listener);

    /** Stops delivering; once it returns, the listener is not called again. */
    void stop();

    /** What a source tells its informer. */
    interface Listener<T extends HasMetadata> {

        /**
         * The state the handlers already saw before a restart (a Kafka source's committed
         * offsets): cached without telling the handlers. Comes before the first {@link #reset}.
         */
        void restore(List<T> objects);

        /**
         * The full state at a resourceVersion (after a list, a relist, or reading a topic up to
         * its end): it replaces the cache, and the handlers hear of what differs from it.
         */
        void reset(List<T> objects, String resourceVersion);

        /** One change to one object. */
        void event(EventType type, T object);

        /**
         * The object with this key ({@code namespace/name} or {@code name}) is gone, and only its key
         * is known (a Kafka tombstone).
         */
        void deleted(String key, String resourceVersion);
    }
}
