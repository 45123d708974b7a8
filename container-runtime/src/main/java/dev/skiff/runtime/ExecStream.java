package dev.skiff.runtime;

/**
 * A command running in a container with its output streamed; closing it stops the output (and no
 * end is delivered after that). The command itself runs on: Docker cannot kill an exec.
 */
public interface ExecStream extends AutoCloseable {

    @Override
    void close();
}
