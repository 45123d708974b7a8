package dev.skiff.kubelet.server;

import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.ExecOptions;
import dev.skiff.api.streaming.PortForwardProtocol;
import dev.skiff.api.streaming.StreamOptions;
import dev.skiff.api.streaming.SubProtocolHeader;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.kubelet.portforward.PortForwardSession;
import dev.skiff.kubelet.portforward.PortForwardTarget;
import dev.skiff.kubelet.stats.Summary;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.LogOptions;
import dev.skiff.runtime.LogSink;
import dev.skiff.runtime.LogStream;
import dev.skiff.runtime.Sandbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The kubelet's HTTP endpoint: {@code /healthz}, {@code /pods} (the pods it runs, as a PodList),
 * {@code /stats/summary} (the node's, its pods' and their containers' CPU and memory as last
 * sampled: Kubernetes' Summary API, answered from memory),
 * {@code /containerLogs/{namespace}/{pod}/{container}} (what the api-server's pods/log proxies to;
 * streamed, and with {@code follow} until the container stops or the caller goes away),
 * {@code /exec/{namespace}/{pod}/{container}} and {@code /attach/…} (the WebSockets the
 * api-server's pods/exec and pods/attach pass through; {@link ContainerStreams}) and
 * {@code /portForward/{namespace}/{pod}} (pods/portforward's; {@link PortForwardSession}). Plain HTTP without
 * authentication: bind it to an address only the control plane reaches.
 */
public final class KubeletServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubeletServer.class);
    private static final Duration PORT_FORWARD_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final Supplier<Collection<Pod>> pods;
    private final ContainerLogs logs;
    private final ContainerStreams streams;
    private final BooleanSupplier healthy;
    private final Supplier<Summary> summary;
    private final PodLabels labels;
    /** Dials pods' ports for port-forwards. */
    private final NetClient netClient;
    private HttpServer server;

    public KubeletServer(Vertx vertx, ContainerRuntime runtime, Supplier<Collection<Pod>> pods, PodLabels labels, BooleanSupplier healthy,
                         Supplier<Summary> summary) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.pods = pods;
        this.logs = new ContainerLogs(runtime, labels);
        this.streams = new ContainerStreams(vertx, runtime, labels);
        this.healthy = healthy;
        this.summary = summary;
        this.labels = labels;
        this.netClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) PORT_FORWARD_CONNECT_TIMEOUT.toMillis()));
    }

    /** Listens and returns the port (the one asked for, or the one chosen for port 0). */
    public int start(String host, int port) throws Exception {
        List<String> subProtocols = new ArrayList<>(Channels.SUBPROTOCOLS);
        subProtocols.add(PortForwardProtocol.SUBPROTOCOL);
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(subProtocols))
                .requestHandler(this::handle);
        server = server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("kubelet serving on http://%s:%d", host, server.actualPort());
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() != HttpMethod.GET) {
            status(request.response(), 405, "MethodNotAllowed", request.method() + " is not allowed on " + path);
        } else if (path.equals("/healthz")) {
            boolean ok = healthy.getAsBoolean();
            request.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "text/plain").end(ok ? "ok" : "not ready");
        } else if (path.equals("/pods")) {
            String body = json(new PodListBuilder().withNewMetadata().endMetadata().withItems(List.copyOf(pods.get())).build());
            request.response().putHeader("Content-Type", "application/json").end(body);
        } else if (path.equals("/stats/summary")) {
            request.response().putHeader("Content-Type", "application/json").end(json(summary.get()));
        } else if (path.startsWith("/containerLogs/")) {
            String[] parts = path.substring("/containerLogs/".length()).split("/");
            if (parts.length != 3) {
                status(request.response(), 404, "NotFound", "expected /containerLogs/{namespace}/{pod}/{container}");
                return;
            }
            request.pause();
            vertx.<Void>executeBlocking(() -> {
                streamLogs(request, decode(parts[0]), decode(parts[1]), decode(parts[2]));
                return null;
            }, false);
        } else if (path.startsWith("/portForward/")) {
            String[] parts = path.substring("/portForward/".length()).split("/");
            if (parts.length != 2 && parts.length != 3) {
                status(request.response(), 404, "NotFound", "expected /portForward/{namespace}/{pod}");
                return;
            }
            portForward(request, decode(parts[0]), decode(parts[1]));
        } else if (path.startsWith("/exec/") || path.startsWith("/attach/")) {
            String kind = path.substring(1, path.indexOf('/', 1));
            String[] parts = path.substring(kind.length() + 2).split("/");
            if (parts.length != 3) {
                status(request.response(), 404, "NotFound", "expected /" + kind + "/{namespace}/{pod}/{container}");
                return;
            }
            stream(request, kind, decode(parts[0]), decode(parts[1]), decode(parts[2]));
        } else {
            status(request.response(), 404, "NotFound", "no such path " + path);
        }
    }

    private void streamLogs(HttpServerRequest request, String namespace, String pod, String container) {
        HttpServerResponse response = request.response();
        Map<String, String> query = new HashMap<>();
        request.params().forEach(entry -> query.put(entry.getKey(), entry.getValue()));
        Container instance;
        LogOptions options;
        long limit;
        try {
            options = ContainerLogs.options(query);
            limit = ContainerLogs.limitBytes(query);
            instance = logs.find(namespace, pod, container, Boolean.parseBoolean(query.getOrDefault("previous", "false")));
        } catch (ContainerLogs.LogRequestException e) {
            status(response, e.code, e.code == 404 ? "NotFound" : "BadRequest", e.getMessage());
            return;
        } catch (RuntimeException e) {
            status(response, 500, "InternalError", "could not read the containers: " + e.getMessage());
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/plain");
        AtomicLong written = new AtomicLong();
        LogStream[] stream = new LogStream[1];
        LogSink sink = new LogSink() {
            @Override
            public void onOutput(byte[] chunk) {
                long room = limit - written.get();
                if (room <= 0 || response.ended() || response.closed()) {
                    return;
                }
                byte[] part = chunk.length > room ? java.util.Arrays.copyOf(chunk, (int) room) : chunk;
                written.addAndGet(part.length);
                response.write(Buffer.buffer(part));
                if (written.get() >= limit && stream[0] != null) {
                    stream[0].close();
                }
            }

            @Override
            public void onEnd(Throwable failure) {
                if (failure != null) {
                    LOG.debugf("log stream of %s/%s/%s ended: %s", namespace, pod, container, failure.getMessage());
                }
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            }
        };
        stream[0] = runtime.logs(instance.id(), options, sink);
        response.closeHandler(ignored -> stream[0].close());
        if (response.closed()) {
            stream[0].close();
        }
        request.resume();
    }

    /**
     * Checks the options of an exec or attach (KIND), finds the running container (on a worker
     * thread), then upgrades to the session's WebSocket.
     */
    private void stream(HttpServerRequest request, String kind, String namespace, String pod, String container) {
        String describe = "container " + container + " of pod " + namespace + "/" + pod;
        BiConsumer<ServerWebSocket, Container> session;
        try {
            if (kind.equals("exec")) {
                ExecOptions options = ExecOptions.parse(name -> request.params().getAll(name));
                session = (webSocket, instance) -> streams.exec(webSocket, instance, options, describe);
            } else {
                StreamOptions options = StreamOptions.parse(name -> request.params().getAll(name));
                session = (webSocket, instance) -> streams.attach(webSocket, instance, options, describe);
            }
        } catch (ApiException e) {
            status(request.response(), e.code(), e.reason(), e.getMessage());
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            status(request.response(), 400, "BadRequest", kind + " needs a WebSocket upgrade (subprotocol "
                    + String.join(" or ", Channels.SUBPROTOCOLS) + ")");
            return;
        }
        request.pause();
        vertx.executeBlocking(() -> streams.find(namespace, pod, container), false).onComplete(found -> {
            if (found.failed()) {
                if (found.cause() instanceof ApiException refused) {
                    status(request.response(), refused.code(), refused.reason(), refused.getMessage());
                } else {
                    status(request.response(), 500, "InternalError", "could not read the containers: " + found.cause().getMessage());
                }
                return;
            }
            request.toWebSocket()
                    .onSuccess(webSocket -> session.accept(webSocket, found.result()))
                    .onFailure(failure -> LOG.debugf("%s in %s: the WebSocket upgrade failed: %s", kind, describe, failure.getMessage()));
        });
    }

    /**
     * Finds the pod and the address of its ready sandbox (on a worker thread: the runtime is asked),
     * then upgrades to the port-forward's WebSocket ({@link PortForwardSession}). A pod on the host's
     * network is reached at the loopback address, which is its network too.
     */
    private void portForward(HttpServerRequest request, String namespace, String name) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                || !SubProtocolHeader.offersAny(request.getHeader("Sec-WebSocket-Protocol"), List.of(PortForwardProtocol.SUBPROTOCOL))) {
            status(request.response(), 400, "BadRequest", "portForward needs a WebSocket upgrade with subprotocol "
                    + PortForwardProtocol.SUBPROTOCOL);
            return;
        }
        request.pause();
        vertx.executeBlocking(() -> portForwardTarget(namespace, name), false).onComplete(found -> {
            if (found.failed()) {
                if (found.cause() instanceof ApiException refused) {
                    status(request.response(), refused.code(), refused.reason(), refused.getMessage());
                } else {
                    status(request.response(), 500, "InternalError", "could not read the pod's sandbox: " + found.cause().getMessage());
                }
                return;
            }
            request.toWebSocket()
                    .onSuccess(webSocket -> PortForwardSession.serve(vertx, netClient, webSocket, found.result()))
                    .onFailure(failure -> LOG.debugf("port-forward to pod %s/%s: the WebSocket upgrade failed: %s", namespace, name,
                            failure.getMessage()));
        });
    }

    private PortForwardTarget portForwardTarget(String namespace, String name) {
        Pod pod = pods.get().stream()
                .filter(candidate -> namespace.equals(candidate.getMetadata().getNamespace()) && name.equals(candidate.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new ApiException(404, "NotFound", "pod " + namespace + "/" + name + " is not on this node"));
        String uid = pod.getMetadata().getUid();
        Sandbox sandbox = runtime.listPodSandboxes(labels.ofPod(uid)).stream()
                .filter(candidate -> candidate.state() == Sandbox.SandboxState.READY)
                .max(Comparator.comparing(Sandbox::createdAt))
                .orElseThrow(() -> ApiException.badRequest("pod " + namespace + "/" + name + " is not running: it has no ready sandbox"));
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        if (!hostNetwork && sandbox.ip().isEmpty()) {
            throw ApiException.badRequest("pod " + namespace + "/" + name + " has no IP address");
        }
        return new PortForwardTarget(namespace, name, uid, hostNetwork ? "127.0.0.1" : sandbox.ip());
    }

    private static void status(HttpServerResponse response, int code, String reason, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        String body = json(new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build());
        response.setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        netClient.close();
    }
}
