package dev.skiff.controllers.replicaset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a number of like calls (pod creates) in batches of 1, 2, 4, … at once, as Kubernetes'
 * {@code slowStartBatch}: a batch in which any call fails is the last, so that a controller whose
 * creates all fail (a quota, a bad template) sends one request rather than hundreds.
 */
public final class SlowStart {

    /** One call; throws when it fails. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** How many calls were made and how many succeeded, and the first failure (null if none). */
    public record Outcome(int attempted, int succeeded, Exception failure) {
    }

    private SlowStart() {
    }

    public static Outcome run(int count, int initialBatch, Executor executor, Call call) {
        int attempted = 0;
        int succeeded = 0;
        int remaining = count;
        for (int batch = Math.min(remaining, Math.max(1, initialBatch)); batch > 0; batch = Math.min(2 * batch, remaining)) {
            List<CompletableFuture<Void>> calls = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                calls.add(CompletableFuture.runAsync(() -> {
                    try {
                        call.run();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, executor));
            }
            attempted += batch;
            Exception failure = null;
            for (CompletableFuture<Void> future : calls) {
                try {
                    future.join();
                    succeeded++;
                } catch (CompletionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failure != null) {
                return new Outcome(attempted, succeeded, failure);
            }
            remaining -= batch;
        }
        return new Outcome(attempted, succeeded, null);
    }
}
