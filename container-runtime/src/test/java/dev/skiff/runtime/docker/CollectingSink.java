package dev.skiff.runtime.docker;

import dev.skiff.runtime.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A log sink that keeps what it was given and counts its ends. */
final class CollectingSink implements LogSink {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final AtomicInteger ends = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public synchronized void onOutput(byte[] chunk) {
        output.writeBytes(chunk);
    }

    @Override
    public void onEnd(Throwable failure) {
        this.failure.set(failure);
        ends.incrementAndGet();
    }

    synchronized String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    int ends() {
        return ends.get();
    }

    boolean ended() {
        return ends.get() > 0;
    }

    Throwable failure() {
        return failure.get();
    }
}
