package dev.skiff.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.store.KeyValue;
import dev.skiff.store.WatchEvent;

import java.util.Arrays;

/**
 * One change of one object as the watch cache keeps it. The objects are decoded on first use and
 * then shared read-only by every watcher: with nobody watching, a write costs no decoding here.
 * Likewise the event's JSON line, made once from the stored bytes (as Kubernetes' watch cache
 * serializes an event once for all its watchers), so a watcher that passes the event on as it is
 * needs neither decode nor serialize it.
 */
public final class CachedEvent {

    private final String type;
    private final WatchEvent event;
    private ObjectNode object;
    private ObjectNode previous;
    private byte[] line;

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

    /** An object that exists when a watch starts: ADDED at its last change's revision. */
    public static CachedEvent existing(KeyValue kv) {
        return new CachedEvent("ADDED", new WatchEvent(WatchEvent.Type.PUT, kv, null, kv.modRevision()));
    }

    /** ADDED, MODIFIED or DELETED. */
    public String type() {
        return type;
    }

    /** The store revision of the change. */
    public long revision() {
        return event.revision();
    }

    /** The store key of the object. */
    public String key() {
        return event.kv().key();
    }

    /**
     * The event as a watch stream carries it: {@code {"type":…,"object":…}} and a newline, the
     * object as stored with its resourceVersion.
     */
    public synchronized byte[] line() {
        if (line == null) {
            byte[] event = ObjectCodec.watchEvent(type, this.event.kv().value(), this.event.revision());
            line = Arrays.copyOf(event, event.length + 1);
            line[event.length] = '\n';
        }
        return line;
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
