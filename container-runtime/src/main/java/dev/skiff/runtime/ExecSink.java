package dev.skiff.runtime;

/**
 * Where the output of a command run in a container goes as it comes, stdout and stderr apart,
 * then its end: exactly one of {@link #onExit} and {@link #onFailure}, unless the stream was closed
 * first.
 */
public interface ExecSink {

    void onStdout(byte[] chunk);

    void onStderr(byte[] chunk);

    /** The command ended with this exit code. */
    void onExit(int exitCode);

    /** The stream broke, or the command's exit code could not be read. */
    void onFailure(RuntimeException failure);

    /** The stdin queue, full at the last {@link ExecStream#writeStdin}, has room again. */
    default void onStdinDrained() {
    }
}
