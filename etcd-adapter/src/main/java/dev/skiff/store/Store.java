package dev.skiff.store;

import java.util.Optional;

/**
 * The storage port: a revisioned key-value store with etcd's semantics.
 *
 * <p>Every successful write (create, update, delete) advances one global, monotonic revision and
 * the written key's {@code modRevision} becomes that revision. Kubernetes' {@code resourceVersion}
 * is that modRevision. All methods are blocking and thread-safe; watch listeners are called on a
 * backend thread, in revision order, one event at a time per watch.
 */
public interface Store extends AutoCloseable {

    /**
     * The newest revision of the store. An empty, never-written store is at revision 1, as etcd
     * is: 0 is never a revision, since list and watch take 0 to mean "the newest" and "from now".
     */
    long currentRevision();

    /** The value of a key at the newest revision. */
    Optional<KeyValue> get(String key);

    /**
     * Keys that start with {@code prefix}, in key order, at one consistent revision.
     *
     * @param revision the revision to read at, or 0 for the newest; a compacted revision
     *                 throws {@link CompactedException}
     * @param startKey first key to return (inclusive), or null to start at the prefix; used as
     *                 the continue token of a paged list (the next page starts at the last key
     *                 returned followed by {@code "\0"}); must start with {@code prefix}
     * @param limit    the most keys to return, 0 for all
     * @return the page, the revision it was read at, and whether more keys follow
     */
    ListResult list(String prefix, long revision, String startKey, int limit);

    /** Number of keys under the prefix at the newest revision. */
    long count(String prefix);

    /**
     * Creates a key that must not exist.
     *
     * @param leaseId lease to attach the key to, or 0 for none
     * @throws KeyExistsException if the key exists
     * @throws LeaseNotFoundException if the lease does not exist
     */
    KeyValue create(String key, byte[] value, long leaseId);

    /**
     * Replaces a key's value if its modRevision is still {@code expectedModRevision}, which must be
     * a revision (positive; an update is never unconditional).
     *
     * @throws KeyNotFoundException if the key does not exist
     * @throws RevisionConflictException if the key was changed since; carries the current value
     * @throws LeaseNotFoundException if the lease does not exist
     */
    KeyValue update(String key, byte[] value, long expectedModRevision, long leaseId);

    /**
     * Deletes a key if its modRevision is still {@code expectedModRevision} (0: unconditionally).
     *
     * @return the deleted key-value (its last value), with modRevision = the delete's revision
     * @throws KeyNotFoundException if the key does not exist
     * @throws RevisionConflictException if the key was changed since
     */
    KeyValue delete(String key, long expectedModRevision);

    /**
     * Watches keys with the prefix for changes made after {@code afterRevision}. Events come in
     * revision order. If {@code afterRevision + 1} has been compacted away, the listener's
     * {@link WatchListener#onCompacted} is called once and the watch ends; nothing is skipped
     * silently.
     *
     * @param afterRevision deliver events with revision &gt; this; 0 means "from now on"
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /**
     * Discards history older than {@code revision}; reads and watches below it then fail. A revision
     * at or below the current compacted revision is already compacted: nothing to do.
     */
    void compact(long revision);

    /** The revision history was compacted at (0 if never). */
    long compactedRevision();

    /** Grants a lease that expires {@code ttlSeconds} after its last keep-alive. */
    long grantLease(long ttlSeconds);

    /**
     * Renews a lease once; returns the remaining TTL in seconds.
     *
     * @throws LeaseNotFoundException if the lease has expired or was never granted
     */
    long keepAliveLease(long leaseId);

    /**
     * Revokes a lease, deleting every key attached to it.
     *
     * @throws LeaseNotFoundException if the lease has expired or was never granted
     */
    void revokeLease(long leaseId);

    /** True while the backend answers; for readiness. */
    boolean isHealthy();

    @Override
    void close();
}
