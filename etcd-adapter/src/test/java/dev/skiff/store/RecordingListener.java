package dev.skiff.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A watch listener for tests: keeps every signal for assertions. */
public final class RecordingListener implements WatchListener {

    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong compactedRevision = new AtomicLong(-1);
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Override
    public void onEvent(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void onCompacted(long revision) {
        compactedRevision.set(revision);
    }

    @Override
    public void onError(Throwable failure) {
        error.set(failure);
    }

    public List<WatchEvent> events() {
        return List.copyOf(events);
    }

    public List<Long> revisions() {
        return events.stream().map(WatchEvent::revision).toList();
    }

    public List<String> keys() {
        return events.stream().map(e -> e.kv().key()).toList();
    }

    /** The revision onCompacted reported, or -1 if it was not called. */
    public long compactedRevision() {
        return compactedRevision.get();
    }

    /** The error onError reported, or null. */
    public Throwable error() {
        return error.get();
    }
}
