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

/**
 * Watches the pods of one namespace through the api-server from a background thread and notes, in
 * {@link PodStartClock} time, when each pod was first seen with phase {@code Running} and its
 * {@code Ready} condition {@code True}. For a pod not there yet it keeps what its status last said
 * (phase and the waiting reason of a container), to show when pods do not start.
 */
final class PodStartWatch implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();
    private final InputStream stream;
    private final Thread thread;
    private volatile Throwable failure;

    private PodStartWatch(InputStream stream) {
        this.stream = stream;
        this.thread = new Thread(this::read, "skiff-bench-podstart-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching NAMESPACE's pods from RESOURCE_VERSION on; returns once the api-server answered. */
    static PodStartWatch start(HttpClient http, URI baseUri, String namespace, String resourceVersion)
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
        PodStartWatch watch = new PodStartWatch(response.body());
        watch.thread.start();
        return watch;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                long now = PodStartClock.now();
                JsonNode event = json.readTree(line);
                String type = event.path("type").asText();
                if (type.equals("ERROR")) {
                    failure = new IllegalStateException("the pod watch ended with " + event.path("object"));
                    return;
                }
                if (type.equals("ADDED") || type.equals("MODIFIED")) {
                    noteStatus(event.path("object"), now);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private void noteStatus(JsonNode pod, long now) {
        String name = pod.path("metadata").path("name").asText();
        JsonNode status = pod.path("status");
        String phase = status.path("phase").asText("");
        boolean ready = false;
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                ready = condition.path("status").asText().equals("True");
            }
        }
        if (phase.equals("Running") && ready) {
            readyAt.putIfAbsent(name, now);
            return;
        }
        StringBuilder state = new StringBuilder(phase.isEmpty() ? "no status yet" : "phase " + phase);
        for (JsonNode container : status.path("containerStatuses")) {
            JsonNode waiting = container.path("state").path("waiting");
            if (!waiting.isMissingNode()) {
                state.append(", ").append(container.path("name").asText()).append(" waiting: ")
                        .append(waiting.path("reason").asText()).append(' ').append(waiting.path("message").asText(""));
            }
        }
        lastState.put(name, state.toString().strip());
    }

    /** When the pod was first seen Running and Ready, or null. */
    Long readyAt(String name) {
        return readyAt.get(name);
    }

    int ready() {
        return readyAt.size();
    }

    /** What the pod's status last said, while it is not Running and Ready. */
    String lastState(String name) {
        return readyAt.containsKey(name) ? "Running and Ready" : lastState.getOrDefault(name, "no event seen");
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
