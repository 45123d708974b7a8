package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** An event source the test drives by hand: it only keeps the informer's listener. */
final class FakeEventSource<T extends HasMetadata> implements EventSource<T> {

    private volatile Listener<T> listener;
    private volatile boolean stopped;

    @Override
    public void start(Listener<T> listener) {
        this.listener = listener;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    Listener<T> listener() {
        return listener;
    }

    boolean stopped() {
        return stopped;
    }
}
