package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the pods of one namespace through the api-server from a background thread and notes when
 * each pod was first seen bound ({@code spec.nodeName} set), in {@link System#nanoTime()}, and to
 * which node. A pod seen bound to a second node is counted as rebound (it must not happen).
 */
final class PodBindWatch implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> boundNanos = new ConcurrentHashMap<>();
    private final Map<String, String> boundTo = new ConcurrentHashMap<>();
    private final AtomicInteger rebound = new AtomicInteger();
    private final InputStream stream;
    private final Thread thread;
    private volatile Throwable failure;

    private PodBindWatch(InputStream stream) {
        this.stream = stream;
        this.thread = new Thread(this::read, "skiff-bench-pod-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching NAMESPACE's pods from RESOURCE_VERSION on; returns once the api-server answered. */
    static PodBindWatch start(HttpClient http, URI baseUri, String namespace, String resourceVersion)
            throws IOException, InterruptedException, UnexpectedResponseException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/namespaces/" + namespace
                        + "/pods?watch=true&resourceVersion=" + resourceVersion))
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new UnexpectedResponseException("watch of " + namespace + "'s pods", response.statusCode(), body);
        }
        PodBindWatch watch = new PodBindWatch(response.body());
        watch.thread.start();
        return watch;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                long now = System.nanoTime();
                JsonNode event = json.readTree(line);
                String type = event.path("type").asText();
                if (type.equals("ERROR")) {
                    failure = new IllegalStateException("the pod watch ended with " + event.path("object"));
                    return;
                }
                JsonNode object = event.path("object");
                String node = object.path("spec").path("nodeName").asText("");
                if (!node.isEmpty() && (type.equals("ADDED") || type.equals("MODIFIED"))) {
                    String name = object.path("metadata").path("name").asText();
                    String earlier = boundTo.putIfAbsent(name, node);
                    if (earlier == null) {
                        boundNanos.put(name, now);
                    } else if (!earlier.equals(node)) {
                        rebound.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            failure = e;
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
        return failure;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // closing only to end the reader
        }
        thread.interrupt();
    }
}
