package dev.skiff.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.store.KeyValue;
import dev.skiff.store.WatchEvent;

/**
 * One change of one object as the watch cache keeps it. The objects are decoded on first use and
 * then shared read-only by every watcher: with nobody watching, a write costs no decoding here.
 */
public final class CachedEvent {

    private final String type;
    private final WatchEvent event;
    private ObjectNode object;
    private ObjectNode previous;

    private CachedEvent(String type, WatchEvent event) {
        this.type = type;
        this.event = event;
    }

    static CachedEvent from(WatchEvent event) {
        String type = switch (event.type()) {
            case DELETE -> "DELETED";
            case PUT -> event.isCreate() ? "ADDED" : "MODIFIED";
        };
        return new CachedEvent(type, event);
    }

    /** ADDED, MODIFIED or DELETED. */
    public String type() {
        return type;
    }

    /** The store revision of the change. */
    public long revision() {
        return event.revision();
    }

    /** The object after the change; for DELETED its last state, at the delete's revision. */
    public synchronized ObjectNode object() {
        if (object == null) {
            KeyValue kv = event.kv();
            object = ObjectCodec.decode(kv.value(), event.revision(), kv.key());
        }
        return object;
    }

    /** The object before the change, null for ADDED. */
    public synchronized ObjectNode previous() {
        if (previous == null && event.prevKv() != null) {
            previous = ObjectCodec.decode(event.prevKv());
        }
        return previous;
    }
}
