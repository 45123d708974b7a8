package dev.skiff.store.etcd;

import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.support.WatchChannel;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.function.LongConsumer;

/**
 * Turns a jetcd watch's callbacks into a {@link WatchChannel}'s signals. jetcd calls it on its
 * event loop, one response at a time, so queuing keeps the order.
 *
 * <p>Any failure ends the watch: jetcd would quietly re-create a watch after a transient error,
 * but the port promises the listener hears of every interruption ({@code onError}) and resumes
 * itself from the last revision it saw.
 */
final class EtcdWatchListener implements Watch.Listener {

    private final String prefix;
    private final WatchChannel channel;
    private final LongConsumer compactionObserved;

    EtcdWatchListener(String prefix, WatchChannel channel, LongConsumer compactionObserved) {
        this.prefix = prefix;
        this.channel = channel;
        this.compactionObserved = compactionObserved;
    }

    @Override
    public void onNext(WatchResponse response) {
        for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
            switch (event.getEventType()) {
                case PUT -> channel.event(put(event));
                case DELETE -> channel.event(delete(event));
                default -> channel.failed(new StoreException("etcd sent an unknown event type on the watch of "
                        + prefix + ": " + event.getEventType()));
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        if (error instanceof CompactedException compacted) {
            compactionObserved.accept(compacted.getCompactedRevision());
            channel.compacted(compacted.getCompactedRevision());
        } else {
            channel.failed(new StoreException("The etcd watch of " + prefix + " failed: " + error.getMessage(), error));
        }
    }

    /** jetcd also calls this after a watch it ended itself; a channel already ended ignores it. */
    @Override
    public void onCompleted() {
        channel.failed(new StoreException("etcd ended the watch of " + prefix));
    }

    private static WatchEvent put(io.etcd.jetcd.watch.WatchEvent event) {
        KeyValue kv = EtcdStore.keyValue(event.getKeyValue());
        KeyValue previous = isPresent(event.getPrevKV()) ? EtcdStore.keyValue(event.getPrevKV()) : null;
        return new WatchEvent(WatchEvent.Type.PUT, kv, previous, kv.modRevision());
    }

    /**
     * etcd's delete event carries only the key and revision; the last value comes from prevKv.
     * etcd omits prevKv when the revision before the delete has been compacted: the value is then
     * empty.
     */
    private static WatchEvent delete(io.etcd.jetcd.watch.WatchEvent event) {
        io.etcd.jetcd.KeyValue deleted = event.getKeyValue();
        long revision = deleted.getModRevision();
        if (!isPresent(event.getPrevKV())) {
            KeyValue kv = new KeyValue(EtcdStore.string(deleted.getKey()), new byte[0], 0, revision, 0, 0);
            return new WatchEvent(WatchEvent.Type.DELETE, kv, null, revision);
        }
        KeyValue previous = EtcdStore.keyValue(event.getPrevKV());
        KeyValue kv = new KeyValue(previous.key(), previous.value(), previous.createRevision(), revision,
                previous.version(), previous.lease());
        return new WatchEvent(WatchEvent.Type.DELETE, kv, previous, revision);
    }

    /** jetcd hands an empty KeyValue where etcd sent none. */
    private static boolean isPresent(io.etcd.jetcd.KeyValue kv) {
        return kv != null && kv.getModRevision() != 0;
    }
}
