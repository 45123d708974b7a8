package dev.skiff.store;

/**
 * One key's value at a revision.
 *
 * @param createRevision revision the key was created at
 * @param modRevision    revision of the last change to the key
 * @param version        number of changes since creation (1 after create)
 * @param lease          attached lease, 0 for none
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version, long lease) {
}
