package dev.skiff.runtime.docker;

import dev.skiff.runtime.ExecSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An exec sink that keeps stdout and stderr apart, the exit code or failure, and counts its ends and its stdin's drainings. */
final class CollectingExecSink implements ExecSink {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicInteger ends = new AtomicInteger();
    private final AtomicInteger stdinDrained = new AtomicInteger();
    private final AtomicReference<Integer> exitCode = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public synchronized void onStdout(byte[] chunk) {
        stdout.writeBytes(chunk);
    }

    @Override
    public synchronized void onStderr(byte[] chunk) {
        stderr.writeBytes(chunk);
    }

    @Override
    public void onExit(int code) {
        exitCode.set(code);
        ends.incrementAndGet();
    }

    @Override
    public void onFailure(RuntimeException failure) {
        this.failure.set(failure);
        ends.incrementAndGet();
    }

    @Override
    public void onStdinDrained() {
        stdinDrained.incrementAndGet();
    }

    int stdinDrained() {
        return stdinDrained.get();
    }

    synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    int ends() {
        return ends.get();
    }

    Integer exitCode() {
        return exitCode.get();
    }

    RuntimeException failure() {
        return failure.get();
    }
}
