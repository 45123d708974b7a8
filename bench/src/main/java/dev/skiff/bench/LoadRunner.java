package dev.skiff.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs an operation a given number of times from a fixed number of workers, each starting its
 * next call as soon as its last one has returned (a closed loop), and times every call. Each
 * finished series is also handed to a listener, e.g. to report progress.
 */
final class LoadRunner {

    /** One call; the index tells which of the series it is. Throwing counts it as failed. */
    @FunctionalInterface
    interface Operation {
        void run(int index) throws Exception;
    }

    private final int concurrency;
    private final Consumer<Measurement> listener;

    LoadRunner(int concurrency, Consumer<Measurement> listener) {
        this.concurrency = concurrency;
        this.listener = listener;
    }

    Measurement run(String operation, String target, int count, Operation call) throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder(count);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        Callable<Void> worker = () -> {
            for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                long start = System.nanoTime();
                try {
                    call.run(index);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, describe(e));
                }
                latencies.record(index, System.nanoTime() - start);
            }
            return null;
        };
        int workers = Math.max(1, Math.min(concurrency, count));
        List<Callable<Void>> tasks = Collections.nCopies(workers, worker);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Map<String, Duration> cpuBefore = ProcessCpu.read();
        ProcessCpu.CompilerCpu jitBefore = ProcessCpu.compilers();
        long start = System.nanoTime();
        try {
            pool.invokeAll(tasks);
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Measurement measurement = new Measurement(operation, target, count, errors.get(),
                Optional.ofNullable(firstError.get()), elapsed, latencies.percentileMillis(50), latencies.percentileMillis(99),
                since(cpuBefore, ProcessCpu.read()), ProcessCpu.compilers().since(jitBefore));
        listener.accept(measurement);
        return measurement;
    }

    private static Map<String, Duration> since(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> used = new TreeMap<>();
        after.forEach((process, total) -> used.put(process, total.minus(before.getOrDefault(process, Duration.ZERO))));
        return used;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof UnexpectedResponseException ? cause.getMessage() : cause.toString();
    }
}
