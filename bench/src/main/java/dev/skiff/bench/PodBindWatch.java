package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
/**
 * Watches the pods of one namespace through the api-server from a background thread and notes when
 * each pod was first seen bound ({@code spec.nodeName} set), in {@link System#nanoTime()}, and to
 * which node. A pod seen bound to a second node is counted as rebound (it must not happen).
 */
final class PodBindWatch implements AutoCloseable {

    private final Map<String, Long> boundNanos = new ConcurrentHashMap<>();
    private final Map<String, String> boundTo = new ConcurrentHashMap<>();
    private final AtomicInteger rebound = new AtomicInteger();
    private PodWatchStream stream;

    private PodBindWatch() {
    }

    /** Starts watching NAMESPACE's pods from RESOURCE_VERSION on; returns once the api-server answered. */
    static PodBindWatch start(HttpClient http, URI baseUri, String namespace, String resourceVersion)
            throws IOException, InterruptedException, UnexpectedResponseException {
        PodBindWatch watch = new PodBindWatch();
        watch.stream = PodWatchStream.start(http, baseUri, namespace, resourceVersion, System::nanoTime,
                watch::noteBinding, "skiff-bench-pod-watch");
        return watch;
    }

    private void noteBinding(JsonNode pod, long now) {
        String node = pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty()) {
            return;
        }
        String name = pod.path("metadata").path("name").asText();
        String earlier = boundTo.putIfAbsent(name, node);
        if (earlier == null) {
            boundNanos.put(name, now);
        } else if (!earlier.equals(node)) {
            rebound.incrementAndGet();
        }
    }

    /** When the pod was first seen bound, or null. */
    Long boundNanos(String name) {
        return boundNanos.get(name);
    }

    /** The node the pod was bound to, or null. */
    String node(String name) {
        return boundTo.get(name);
    }

    int bound() {
        return boundNanos.size();
    }

    int rebound() {
        return rebound.get();
    }

    /** Why the watch ended early, or null while it runs. */
    Throwable failure() {
        return stream.failure();
    }

    @Override
    public void close() {
        stream.close();
    }
}
