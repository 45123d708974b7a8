package dev.skiff.store;

/** Receives a watch's events. Called from a backend thread; must not block for long. */
public interface WatchListener {

    void onEvent(WatchEvent event);

    /**
     * The revision to start from was compacted away; the watch has ended.
     *
     * @param compactedRevision the store's compacted revision
     */
    void onCompacted(long compactedRevision);

    /** The watch failed (backend lost); it has ended. */
    void onError(Throwable error);
}
