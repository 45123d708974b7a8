package dev.skiff.store.embedded;

import dev.skiff.store.WatchEvent;
import dev.skiff.store.support.WatchChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each committed change to the live watches whose prefix it falls under. The store publishes
 * and subscribes under its write lock, so a watch subscribed after revision R receives exactly the
 * changes after R, in revision order.
 */
final class WatchHub {

    private record Subscription(String prefix, long afterRevision, WatchChannel channel) {
        boolean wants(WatchEvent event) {
            return event.revision() > afterRevision && event.kv().key().startsWith(prefix);
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Follows changes under {@code prefix} with revision above {@code afterRevision}, from now on. */
    void subscribe(String prefix, long afterRevision, WatchChannel channel) {
        subscriptions.add(new Subscription(prefix, afterRevision, channel));
    }

    void unsubscribe(WatchChannel channel) {
        subscriptions.removeIf(s -> s.channel == channel);
    }

    void publish(WatchEvent event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.wants(event)) {
                subscription.channel.event(event);
            }
        }
    }

    /** Closes every watch (the store is closing). */
    void closeAll() {
        for (Subscription subscription : subscriptions) {
            subscription.channel.close();
        }
    }
}
