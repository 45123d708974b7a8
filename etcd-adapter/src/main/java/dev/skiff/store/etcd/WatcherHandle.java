package dev.skiff.store.etcd;

import io.etcd.jetcd.Watch;

/**
 * The jetcd watcher behind a watch channel. The channel exists before the watcher (the watcher's
 * listener needs it) and may end first; a watcher attached after that is closed at once.
 */
final class WatcherHandle {

    private Watch.Watcher watcher;
    private boolean closed;

    synchronized void attach(Watch.Watcher attached) {
        if (closed) {
            attached.close();
        } else {
            watcher = attached;
        }
    }

    synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
    }
}
