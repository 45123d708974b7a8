package dev.skiff.runtime.docker;

import dev.skiff.runtime.ExecStream;
import java.util.function.BiConsumer;

/** An exec started on the Docker engine: its output followed, its stdin (if any) queued, its terminal resizable. */
final class DockerExec implements ExecStream {

    private final ExecFollower output;
    private final ExecStdin stdin;
    private final BiConsumer<Integer, Integer> resizer;

    /** STDIN null when the command has none; RESIZER (width, height) null when it has no terminal. */
    DockerExec(ExecFollower output, ExecStdin stdin, BiConsumer<Integer, Integer> resizer) {
        this.output = output;
        this.stdin = stdin;
        this.resizer = resizer;
    }

    @Override
    public boolean writeStdin(byte[] chunk) {
        return stdin == null || stdin.write(chunk);
    }

    @Override
    public void closeStdin() {
        if (stdin != null) {
            stdin.end();
        }
    }

    @Override
    public void resize(int width, int height) {
        if (resizer != null) {
            resizer.accept(width, height);
        }
    }

    @Override
    public void close() {
        if (stdin != null) {
            stdin.abort();
        }
        output.close();
    }
}
