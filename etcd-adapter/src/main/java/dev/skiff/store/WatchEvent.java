package dev.skiff.store;

/**
 * One change seen by a watch.
 *
 * @param type     PUT for a create or update, DELETE for a delete
 * @param kv       the key after the change; for DELETE its value is the last value before the
 *                 delete and its modRevision the revision of the delete
 * @param prevKv   the key before the change, null for a create
 * @param revision the revision of the change
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv, long revision) {

    public enum Type { PUT, DELETE }

    /** True for a PUT that created the key. */
    public boolean isCreate() {
        return type == Type.PUT && kv.createRevision() == kv.modRevision();
    }
}
