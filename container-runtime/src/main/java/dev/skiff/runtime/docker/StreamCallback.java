package dev.skiff.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A docker-java stream callback that ends exactly once, whether the stream completes, fails or is
 * closed by us, and that can be closed before the response has arrived (the stream is then closed
 * as soon as it starts, so docker-java's reading thread does not run on). When {@link #close()}
 * returns, the end has been delivered, by whichever thread got there first.
 */
abstract class StreamCallback<T> implements ResultCallback<T> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile Closeable stream;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile Thread endingThread;

    @Override
    public void onStart(Closeable stream) {
        this.stream = stream;
        if (closed) {
            closeQuietly(stream);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        end(closed ? null : throwable);
    }

    @Override
    public void onComplete() {
        end(null);
    }

    /** Stops the stream and returns once the end (without a failure, unless one came first) is delivered. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(stream);
        end(null);
        if (Thread.currentThread() != endingThread) {
            awaitEndUninterruptibly();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits for the end; false when the timeout passed first. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why the stream failed, or null. */
    Throwable failure() {
        return failure;
    }

    /** Called once when the stream has ended, with the failure or null. */
    protected void ended(Throwable failure) {
    }

    private void end(Throwable failure) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        endingThread = Thread.currentThread();
        this.failure = failure;
        closeQuietly(stream);
        try {
            ended(failure);
        } finally {
            ended.countDown();
        }
    }

    private void awaitEndUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
