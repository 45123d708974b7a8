package dev.skiff.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.store.WatchEvent;

/**
 * One change of one object as the watch cache keeps it: decoded once and shared read-only by
 * every watcher.
 *
 * @param type     ADDED, MODIFIED or DELETED
 * @param object   the object after the change (for DELETED: its last state, at the delete's revision)
 * @param previous the object before the change, null for ADDED
 * @param revision the store revision of the change
 */
record CachedEvent(String type, ObjectNode object, ObjectNode previous, long revision) {

    static CachedEvent from(WatchEvent event) {
        ObjectNode object = ObjectCodec.decode(event.kv().value(), event.revision(), event.kv().key());
        ObjectNode previous = event.prevKv() == null ? null : ObjectCodec.decode(event.prevKv());
        String type = switch (event.type()) {
            case DELETE -> "DELETED";
            case PUT -> event.isCreate() ? "ADDED" : "MODIFIED";
        };
        return new CachedEvent(type, object, previous, event.revision());
    }
}
