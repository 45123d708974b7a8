package dev.skiff.store.etcd;

import dev.skiff.store.StoreException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits for jetcd calls within the store's timeout and turns their failures into the port's
 * exceptions. jetcd reports an etcd error either as gRPC's StatusRuntimeException or as its own
 * EtcdException (same codes); both are recognized by code and etcd's message.
 */
final class EtcdCalls {

    private final Duration timeout;

    EtcdCalls(Duration timeout) {
        this.timeout = timeout;
    }

    <T> T await(CompletableFuture<T> call, String operation) {
        return await(call, operation, failure -> null);
    }

    /**
     * @param expected maps an etcd error the caller knows (a missing lease, a compacted revision)
     *                 to the exception to throw, or returns null for the general mapping
     */
    <T> T await(CompletableFuture<T> call, String operation, Function<Throwable, RuntimeException> expected) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StoreException(operation + ": etcd did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + ": interrupted while waiting for etcd", e);
        } catch (ExecutionException e) {
            Throwable failure = unwrap(e);
            RuntimeException mapped = expected.apply(failure);
            if (mapped != null) {
                throw mapped;
            }
            if (isFutureRevision(failure)) {
                throw new IllegalArgumentException(operation + ": " + failure.getMessage(), failure);
            }
            throw new StoreException(operation + " failed: " + failure.getMessage(), failure);
        }
    }

    /** "required revision has been compacted": a read or compaction below the compacted revision. */
    static boolean isCompacted(Throwable failure) {
        return is(failure, Status.Code.OUT_OF_RANGE, "revision has been compacted");
    }

    static boolean isLeaseNotFound(Throwable failure) {
        return is(failure, Status.Code.NOT_FOUND, "lease not found");
    }

    private static boolean isFutureRevision(Throwable failure) {
        return is(failure, Status.Code.OUT_OF_RANGE, "future revision");
    }

    private static boolean is(Throwable failure, Status.Code code, String etcdMessage) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EtcdException etcd) {
            return etcd.getErrorCode().name().equals(code.name())
                    && String.valueOf(etcd.getMessage()).contains(etcdMessage);
        }
        Status status = Status.fromThrowable(cause);
        return status.getCode() == code && String.valueOf(status.getDescription()).contains(etcdMessage);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
