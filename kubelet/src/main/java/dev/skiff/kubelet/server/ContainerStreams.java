package dev.skiff.kubelet.server;

import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.ExecOptions;
import dev.skiff.api.streaming.StreamOptions;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.AttachRequest;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ExecRequest;
import dev.skiff.runtime.ExecSink;
import dev.skiff.runtime.ExecStream;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * {@code /exec/{namespace}/{pod}/{container}} and {@code /attach/…}, which the api-server's
 * {@code pods/exec} and {@code pods/attach} pass through: runs a command in the newest running
 * instance of the container, or joins the streams of its main process, and streams it over the
 * WebSocket in Kubernetes' channel protocol ({@link Channels}): the client's stdin and terminal size
 * to the process, stdout and stderr as they come back, then the end as a Status on the error channel
 * — Success, or for a command NonZeroExitCode with the exit code, which {@code kubectl exec} exits
 * with — and the socket is closed. An attach ends with Success when the process ends or its stdin
 * closes, as in Kubernetes; the container's exit code is in the pod's status. A client that goes
 * away stops the output; an exec'd command runs on (Docker cannot kill an exec).
 */
final class ContainerStreams {

    private static final Logger LOG = Logger.getLogger(ContainerStreams.class);

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final PodLabels labels;

    ContainerStreams(Vertx vertx, ContainerRuntime runtime, PodLabels labels) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.labels = labels;
    }

    /** The running instance to exec in or attach to; 404 when there is none, as Kubernetes' kubelet answers. */
    Container find(String namespace, String pod, String container) {
        return runtime.listContainers(labels.ofContainer(namespace, pod, container)).stream()
                .filter(instance -> instance.state() == Container.ContainerState.RUNNING)
                .max(Comparator.comparingInt(Container::attempt))
                .orElseThrow(() -> new ApiException(404, "NotFound", "container not found (\"" + container + "\")"));
    }

    /** Runs the command in CONTAINER and streams it on WEBSOCKET, just upgraded, as {@link #serve} does. */
    void exec(ServerWebSocket webSocket, Container container, ExecOptions options, String describe) {
        serve(webSocket, options.streams(), sink -> runtime.exec(container.id(),
                        new ExecRequest(options.command(), options.streams().stdin(), options.streams().tty()), sink),
                "exec " + options.command() + " in " + describe, "error executing command in container: ",
                exitCode -> exitCode == 0 ? success() : nonZeroExit(options, exitCode));
    }

    /** Joins the streams of CONTAINER's main process to WEBSOCKET, just upgraded, as {@link #serve} does. */
    void attach(ServerWebSocket webSocket, Container container, StreamOptions streams, String describe) {
        serve(webSocket, streams, sink -> runtime.attach(container.id(), new AttachRequest(streams.stdin(), streams.tty()), sink),
                "attach to " + describe, "error attaching to container: ", exitCode -> success());
    }

    /**
     * Starts the session (START, given the sink its output goes to) and streams it on WEBSOCKET,
     * just upgraded: called on the socket's event loop, so its handlers are set before anything can
     * arrive; the session starts on a worker thread. The client's messages (stdin, terminal size,
     * v5's close of stdin) wait, the socket paused, until the session has started; stdin the process
     * does not read fast enough pauses the socket again until the runtime has written half of what
     * is queued. END is the Status an exit code ends the stream with; FAILED prefixes a failure's message.
     */
    private void serve(ServerWebSocket webSocket, StreamOptions streams, Function<ExecSink, ExecStream> start, String session,
                       String failed, IntFunction<Status> end) {
        Context context = vertx.getOrCreateContext();
        ChannelWriter channels = new ChannelWriter(webSocket);
        AtomicReference<ExecStream> stream = new AtomicReference<>();
        webSocket.pause();
        webSocket.binaryMessageHandler(message -> fromClient(webSocket, stream.get(), message, session));
        webSocket.closeHandler(closed -> vertx.executeBlocking(() -> {
            ExecStream running = stream.get();
            if (running != null) {
                running.close();
            }
            return null;
        }, false));
        Runnable resume = () -> context.runOnContext(ignored -> webSocket.resume());
        vertx.executeBlocking(() -> {
            try {
                stream.set(start.apply(sink(channels, streams, session, failed, end, resume)));
                LOG.debugf("%s started", session);
                resume.run();
            } catch (RuntimeException e) {
                LOG.infof("%s failed: %s", session, e.getMessage());
                channels.end(failure(failed + e.getMessage()));
            }
            // a client gone before the stream was set: its close handler found nothing to stop
            if (webSocket.isClosed() && stream.get() != null) {
                stream.get().close();
            }
            return null;
        }, false);
    }

    /** A message from the client, on the socket's event loop: stdin, a terminal size, or v5's close of stdin. */
    private void fromClient(ServerWebSocket webSocket, ExecStream stream, Buffer message, String session) {
        if (message.length() == 0) {
            return;
        }
        byte channel = message.getByte(0);
        if (channel == Channels.STDIN) {
            if (!stream.writeStdin(message.getBytes(1, message.length()))) {
                webSocket.pause();
            }
        } else if (channel == Channels.CLOSE && message.length() > 1 && message.getByte(1) == Channels.STDIN) {
            stream.closeStdin();
        } else if (channel == Channels.RESIZE) {
            TerminalSize size = TerminalSize.parse(message.getBytes(1, message.length()));
            if (size == null) {
                LOG.debugf("%s: ignored a malformed terminal size", session);
                return;
            }
            // one engine call, in the order the sizes came
            vertx.executeBlocking(() -> {
                stream.resize(size.width(), size.height());
                return null;
            }, true).onFailure(failure -> LOG.debugf("%s: resize failed: %s", session, failure.getMessage()));
        }
    }

    private static ExecSink sink(ChannelWriter channels, StreamOptions streams, String session, String failed, IntFunction<Status> end,
                                 Runnable stdinDrained) {
        return new ExecSink() {
            @Override
            public void onStdinDrained() {
                stdinDrained.run();
            }

            @Override
            public void onStdout(byte[] chunk) {
                if (streams.stdout()) {
                    channels.write(Channels.STDOUT, chunk);
                }
            }

            @Override
            public void onStderr(byte[] chunk) {
                if (streams.stderr()) {
                    channels.write(Channels.STDERR, chunk);
                }
            }

            @Override
            public void onExit(int exitCode) {
                LOG.debugf("%s ended with %d", session, exitCode);
                channels.end(end.apply(exitCode));
            }

            @Override
            public void onFailure(RuntimeException failure) {
                channels.end(failure(failed + failure.getMessage()));
            }
        };
    }

    private static Status success() {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").build();
    }

    /** What Kubernetes' kubelet sends for a non-zero exit: kubectl reads the code from the ExitCode cause. */
    private static Status nonZeroExit(ExecOptions options, int exitCode) {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("command terminated with non-zero exit code: error executing command " + options.command()
                        + ", exit code " + exitCode)
                .withReason("NonZeroExitCode")
                .withNewDetails().withCauses(new StatusCauseBuilder().withReason("ExitCode").withMessage(Integer.toString(exitCode))
                        .build()).endDetails()
                .build();
    }

    private static Status failure(String message) {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure").withCode(500).withReason("InternalError")
                .withMessage(message).build();
    }

    /**
     * Writes channel messages from the runtime's thread, which waits while the socket's write queue
     * is full: a client that reads slowly slows the command's output down instead of filling memory.
     */
    private static final class ChannelWriter {

        private final ServerWebSocket webSocket;
        private final Object drained = new Object();

        ChannelWriter(ServerWebSocket webSocket) {
            this.webSocket = webSocket;
            webSocket.drainHandler(ignored -> {
                synchronized (drained) {
                    drained.notifyAll();
                }
            });
        }

        void write(byte channel, byte[] data) {
            if (webSocket.isClosed()) {
                return;
            }
            webSocket.writeBinaryMessage(Buffer.buffer(data.length + 1).appendByte(channel).appendBytes(data));
            synchronized (drained) {
                while (webSocket.writeQueueFull() && !webSocket.isClosed()) {
                    try {
                        drained.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        void end(Status status) {
            byte[] json;
            try {
                json = Json.MAPPER.writeValueAsBytes(status);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("could not write the stream's Status as JSON", e);
            }
            write(Channels.ERROR, json);
            webSocket.close();
        }
    }
}
