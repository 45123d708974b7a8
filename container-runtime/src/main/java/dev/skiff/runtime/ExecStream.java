package dev.skiff.runtime;

/**
 * A command running in a container with its output streamed; closing it stops the output (and no
 * end is delivered after that). The command itself runs on: Docker cannot kill an exec.
 */
public interface ExecStream extends AutoCloseable {

    /**
     * Queues CHUNK for the command's stdin, without waiting; ignored when the command was started
     * without stdin or its stdin was closed. False when the queue is full: the caller should stop
     * reading its source until {@link ExecSink#onStdinDrained}.
     */
    boolean writeStdin(byte[] chunk);

    /** Ends the command's stdin once what is queued has been written (EOF, as Ctrl-D on a terminal). */
    void closeStdin();

    /** Sets the size of the command's terminal; ignored without one. Waits for one call to the runtime. */
    void resize(int width, int height);

    @Override
    void close();
}
