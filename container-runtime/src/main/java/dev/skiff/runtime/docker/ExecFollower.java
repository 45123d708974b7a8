package dev.skiff.runtime.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.skiff.runtime.ExecSink;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Passes an exec's output frames to an {@link ExecSink}, stdout and stderr apart, then its exit
 * code once the output has ended. The sink gets nothing after it was closed: output and end are
 * delivered under one lock.
 */
final class ExecFollower extends StreamCallback<Frame> {

    private static final Logger LOG = Logger.getLogger(ExecFollower.class);

    private final String containerId;
    private final ExecSink sink;
    private final IntSupplier exitCode;
    private final Executor exitReader;
    private final Runnable outputEnded;
    private final Object delivery = new Object();
    private boolean delivered;

    /**
     * EXIT_CODE reads the exec's exit code once its output has ended (throwing when it cannot), on
     * EXIT_READER: the stream's own thread is being torn down by then and cannot call the engine.
     * OUTPUT_ENDED runs first when the output ends, for whatever reason.
     */
    ExecFollower(String containerId, ExecSink sink, IntSupplier exitCode, Executor exitReader, Runnable outputEnded) {
        this.containerId = containerId;
        this.sink = sink;
        this.exitCode = exitCode;
        this.exitReader = exitReader;
        this.outputEnded = outputEnded;
    }

    @Override
    public void onNext(Frame frame) {
        synchronized (delivery) {
            if (delivered || isClosed()) {
                return;
            }
            if (frame.getStreamType() == StreamType.STDERR) {
                sink.onStderr(frame.getPayload());
            } else {
                sink.onStdout(frame.getPayload());
            }
        }
    }

    @Override
    protected void ended(Throwable failure) {
        outputEnded.run();
        if (isClosed()) {
            markDelivered();
            return;
        }
        if (failure != null) {
            deliver(DockerEngineException.of("exec in container " + containerId, failure), 0);
            return;
        }
        try {
            exitReader.execute(() -> {
                try {
                    deliver(null, exitCode.getAsInt());
                } catch (RuntimeException e) {
                    deliver(e, 0);
                }
            });
        } catch (RejectedExecutionException e) {
            deliver(new DockerEngineException("exec in container " + containerId, 0, "the runtime is closed", e), 0);
        }
    }

    private void deliver(RuntimeException broken, int code) {
        synchronized (delivery) {
            if (delivered || isClosed()) {
                return;
            }
            delivered = true;
            if (broken != null) {
                LOG.debugf("Exec in container %s failed: %s", containerId, broken.getMessage());
                sink.onFailure(broken);
            } else {
                sink.onExit(code);
            }
        }
    }

    private void markDelivered() {
        synchronized (delivery) {
            delivered = true;
        }
    }
}
