package dev.skiff.runtime;

/** Where a container's output goes, chunk by chunk, then once at the end (with the cause when it failed). */
public interface LogSink {

    void onOutput(byte[] chunk);

    void onEnd(Throwable failure);
}
