package dev.skiff.store.support;

import dev.skiff.store.CompactedException;
import dev.skiff.store.Watch;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.WatchListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One watch's path to its listener, shared by the backends. A thread of its own first replays the
 * watch's backlog (history the backend reads itself), then delivers the signals producers queue
 * from any thread, in order, one at a time. The first terminal signal (compacted or failed) ends
 * the watch; so does {@link #close()}, after which no new callback starts. A listener that throws
 * from {@code onEvent} ends the watch too, and hears why through {@code onError}: an event is never
 * skipped silently. The queue is unbounded, so a producer never waits; a listener must keep up.
 */
public final class WatchChannel implements Watch {

    /** Events to deliver before the queued ones, e.g. history read from the backend. */
    @FunctionalInterface
    public interface Backlog {
        Backlog NONE = sink -> { };

        /**
         * Hands each event to {@code sink} in revision order.
         *
         * @throws CompactedException if the history needed has been compacted away
         */
        void replay(Consumer<WatchEvent> sink) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(WatchChannel.class);

    private sealed interface Signal permits Event, Compacted, Failed, Stop {
    }

    private record Event(WatchEvent event) implements Signal {
    }

    private record Compacted(long compactedRevision) implements Signal {
    }

    private record Failed(Throwable error) implements Signal {
    }

    private record Stop() implements Signal {
    }

    /** Unwinds a replay once the channel is closed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final WatchListener listener;
    private final Consumer<WatchChannel> onEnd;
    private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
    /** Set once a terminal signal is queued or the channel is closed: later signals are dropped. */
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param name     names the delivery thread
     * @param listener receives the signals
     * @param onEnd    called once with this channel when the watch ends for any reason, to
     *                 release what the backend holds for it
     */
    public WatchChannel(String name, WatchListener listener, Consumer<WatchChannel> onEnd) {
        this.name = name;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    /** Starts the delivery thread: {@code backlog} first, then the queued signals. */
    public void start(Backlog backlog) {
        Thread thread = new Thread(() -> run(backlog), name);
        thread.setDaemon(true);
        thread.start();
    }

    public void event(WatchEvent event) {
        if (!terminated.get()) {
            queue.add(new Event(event));
        }
    }

    /** Ends the watch, after the events already queued, with {@code onCompacted}. */
    public void compacted(long compactedRevision) {
        terminate(new Compacted(compactedRevision));
    }

    /** Ends the watch, after the events already queued, with {@code onError}. */
    public void failed(Throwable error) {
        terminate(new Failed(error));
    }

    @Override
    public void close() {
        closed = true;
        terminated.set(true);
        queue.add(new Stop());
        end();
    }

    private void terminate(Signal signal) {
        if (terminated.compareAndSet(false, true)) {
            queue.add(signal);
        }
    }

    private void run(Backlog backlog) {
        try {
            if (replay(backlog)) {
                deliverQueued();
            }
        } catch (Stopped e) {
            // closed while delivering: nothing more to say
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminated.set(true);
            end();
        }
    }

    /**
     * Delivers the backlog. If it cannot be delivered in full, the watch ends at once: the queued
     * live events come after the gap and must not be delivered.
     *
     * @return true if the whole backlog was delivered
     */
    private boolean replay(Backlog backlog) {
        try {
            backlog.replay(this::deliver);
            return true;
        } catch (Stopped e) {
            throw e;
        } catch (CompactedException e) {
            finish(() -> listener.onCompacted(e.compactedRevision()));
        } catch (Exception e) {
            finish(() -> listener.onError(e));
        }
        return false;
    }

    private void deliverQueued() throws InterruptedException {
        while (true) {
            Signal signal = queue.take();
            if (signal instanceof Event e) {
                deliver(e.event());
            } else if (signal instanceof Compacted c) {
                finish(() -> listener.onCompacted(c.compactedRevision()));
                return;
            } else if (signal instanceof Failed f) {
                finish(() -> listener.onError(f.error()));
                return;
            } else {
                return;
            }
        }
    }

    /** Delivers a terminal signal unless the channel was closed. */
    private void finish(Runnable terminalCallback) {
        terminated.set(true);
        if (!closed) {
            callSafely(terminalCallback);
        }
    }

    private void deliver(WatchEvent event) {
        if (closed) {
            throw new Stopped();
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the listener failed on the event at revision %d; ending the watch", name,
                    event.revision());
            closed = true;
            callSafely(() -> listener.onError(e));
            throw new Stopped();
        }
    }

    private void callSafely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the listener failed", name);
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }
}
