package dev.skiff.scheduler.binding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for an {@link ApiWriter} answer on a thread that needs it before it goes on. */
final class Answers {

    private Answers() {
    }

    /**
     * The answer, once it came.
     *
     * @throws IllegalStateException if no answer came (the api-server unreachable, a timeout), or the wait was interrupted
     */
    static ApiWriter.Response await(CompletableFuture<ApiWriter.Response> answer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("no answer from the api-server: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the api-server", e);
        }
    }
}
