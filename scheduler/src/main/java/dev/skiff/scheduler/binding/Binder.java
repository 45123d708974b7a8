package dev.skiff.scheduler.binding;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.Status;
import dev.skiff.scheduler.queue.QueuedPodInfo;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The binding cycle, off the scheduling thread (Kubernetes runs it in a goroutine per pod): runs
 * the Bind plugins for an assumed pod on one of a fixed number of threads, so the scheduling thread
 * goes on to the next pod at once, and reports the outcome.
 */
public final class Binder {

    /** Told how each binding ended, on the binding thread. */
    public interface Outcome {

        void bound(QueuedPodInfo pod, String nodeName);

        /** The binding failed (or could not start, the binder being closed); the assumption must be undone. */
        void failed(QueuedPodInfo pod, CycleState state, String nodeName, Status status);
    }

    private final Framework framework;
    private final Outcome outcome;
    private final ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param parallelism bindings written at once at most */
    public Binder(Framework framework, int parallelism, Outcome outcome) {
        this.framework = framework;
        this.outcome = outcome;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "scheduler-binder-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Binds the assumed pod to the node in the background. */
    public void bind(CycleState state, QueuedPodInfo pod, String nodeName) {
        inFlight.incrementAndGet();
        try {
            threads.execute(() -> run(state, pod, nodeName));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            outcome.failed(pod, state, nodeName, Status.error("the scheduler is stopping"));
        }
    }

    private void run(CycleState state, QueuedPodInfo pod, String nodeName) {
        try {
            Status status;
            try {
                status = framework.runBind(state, pod.pod(), nodeName);
            } catch (RuntimeException e) {
                status = Status.error(e.toString());
            }
            if (status.isSuccess()) {
                outcome.bound(pod, nodeName);
            } else {
                outcome.failed(pod, state, nodeName, status);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Bindings started and not yet ended. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Lets the bindings already started end (waiting at most {@code wait}), then stops the threads. */
    public void close(Duration wait) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
