package dev.skiff.apiserver.watch;

/**
 * Something fed by a {@link WatchCache}: a client's watch stream, or a cache inside the
 * api-server. Called under the cache's lock, in revision order; must not block.
 */
public interface CacheSubscriber {

    void offer(CachedEvent event);

    /** The cache has seen everything up to this revision. */
    void bookmark(long revision);

    /** The cache lost its history (compaction): the subscriber must start over from a list. */
    void expire(String message);

    /** The cache is shutting down. */
    void close();
}
