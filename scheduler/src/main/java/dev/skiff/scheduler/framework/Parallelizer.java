package dev.skiff.scheduler.framework;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Runs a loop over many nodes on several threads, as Kubernetes' parallelizer: the calling thread
 * and up to {@code parallelism - 1} helpers take chunks of indexes from a shared counter until the
 * range is done or the body asks to stop. Loops shorter than {@code minParallelItems} run on the
 * calling thread alone, where handing work to other threads would cost more than it saves.
 */
public final class Parallelizer implements AutoCloseable {

    /** Chunks per participant: small enough to even out, large enough to keep the counter cold. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final int parallelism;
    private final int minParallelItems;
    private final ExecutorService helpers;

    /**
     * @param parallelism      threads a loop may use, the caller's included (1: always on the caller's)
     * @param minParallelItems the shortest loop worth spreading over threads
     */
    public Parallelizer(int parallelism, int minParallelItems) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.minParallelItems = minParallelItems;
        AtomicInteger threads = new AtomicInteger();
        this.helpers = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism - 1, runnable -> {
            Thread thread = new Thread(runnable, "scheduler-parallel-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs on the calling thread only. */
    public static Parallelizer sequential() {
        return new Parallelizer(1, Integer.MAX_VALUE);
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Calls {@code body} for indexes 0 to {@code count - 1}, in no particular order, until it returns
     * false for one (calls already running on other threads still finish); returns once no call is
     * running. An exception from the body is rethrown here.
     */
    public void until(int count, IntPredicate body) {
        until(count, count, body);
    }

    /**
     * As {@link #until(int, IntPredicate)}, for a loop expected to stop after about
     * {@code expectedCalls} calls: it is spread over threads only if that many are worth it.
     */
    public void until(int count, int expectedCalls, IntPredicate body) {
        if (helpers == null || expectedCalls < minParallelItems) {
            for (int i = 0; i < count; i++) {
                if (!body.test(i)) {
                    return;
                }
            }
            return;
        }
        int threads = Math.min(parallelism, count);
        int chunk = Math.max(1, count / (threads * CHUNKS_PER_THREAD));
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Phaser running = new Phaser(1);
        Runnable worker = () -> {
            try {
                for (int start = next.getAndAdd(chunk); start < count; start = next.getAndAdd(chunk)) {
                    int end = Math.min(count, start + chunk);
                    for (int i = start; i < end; i++) {
                        if (stop.get()) {
                            return;
                        }
                        if (!body.test(i)) {
                            stop.set(true);
                            return;
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                stop.set(true);
            }
        };
        for (int t = 1; t < threads; t++) {
            running.register();
            helpers.execute(() -> {
                try {
                    worker.run();
                } finally {
                    running.arriveAndDeregister();
                }
            });
        }
        worker.run();
        running.arriveAndAwaitAdvance();
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
