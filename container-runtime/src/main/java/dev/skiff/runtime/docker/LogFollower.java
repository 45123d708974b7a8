package dev.skiff.runtime.docker;

import com.github.dockerjava.api.model.Frame;
import dev.skiff.runtime.LogSink;
import dev.skiff.runtime.LogStream;
import org.jboss.logging.Logger;

/**
 * Passes a container's log frames to a {@link LogSink}; closing it stops the stream. The sink gets
 * no output after its end: both are delivered under one lock.
 */
final class LogFollower extends StreamCallback<Frame> implements LogStream {

    private static final Logger LOG = Logger.getLogger(LogFollower.class);

    private final String containerId;
    private final LogSink sink;
    private final Object delivery = new Object();
    private boolean delivered;

    LogFollower(String containerId, LogSink sink) {
        this.containerId = containerId;
        this.sink = sink;
    }

    @Override
    public void onNext(Frame frame) {
        synchronized (delivery) {
            if (!delivered && !isClosed()) {
                sink.onOutput(frame.getPayload());
            }
        }
    }

    @Override
    protected void ended(Throwable failure) {
        if (failure != null) {
            LOG.debugf("Log stream of container %s failed: %s", containerId, failure.getMessage());
        }
        synchronized (delivery) {
            delivered = true;
            sink.onEnd(failure == null ? null : DockerEngineException.of("logs of container " + containerId, failure));
        }
    }
}
