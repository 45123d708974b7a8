package dev.skiff.informer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread an event source reads on, and its stop signal: a latch the reading loop checks and
 * waits its back-offs on. Shared by the Kafka and the watch source.
 */
final class SourceThread {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;

    synchronized void start(String name, Runnable body) {
        if (thread != null) {
            throw new IllegalStateException("a source starts once");
        }
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the source: signals the loop, runs {@code wake} to unblock a read in progress, and
     * waits for the thread to end — unless called from that thread (a handler stopping its own
     * source), whose loop then ends once the handler returns.
     */
    void stop(Runnable wake) {
        stopping.countDown();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            return;
        }
        wake.run();
        if (Thread.currentThread() == running) {
            return;
        }
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the reading thread, to end a blocking read. */
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits for a back-off; true if the source was stopped meanwhile. */
    boolean awaitStop(Duration wait) {
        try {
            return stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
