package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
/**
 * Watches the pods of one namespace through the api-server from a background thread and notes, in
 * {@link PodStartClock} time, when each pod was first seen with phase {@code Running} and its
 * {@code Ready} condition {@code True}. For a pod not there yet it keeps what its status last said
 * (phase and the waiting reason of a container), to show when pods do not start.
 */
final class PodStartWatch implements AutoCloseable {

    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();
    private PodWatchStream stream;

    private PodStartWatch() {
    }

    /** Starts watching NAMESPACE's pods from RESOURCE_VERSION on; returns once the api-server answered. */
    static PodStartWatch start(HttpClient http, URI baseUri, String namespace, String resourceVersion)
            throws IOException, InterruptedException, UnexpectedResponseException {
        PodStartWatch watch = new PodStartWatch();
        watch.stream = PodWatchStream.start(http, baseUri, namespace, resourceVersion, PodStartClock::now,
                watch::noteStatus, "skiff-bench-podstart-watch");
        return watch;
    }

    private void noteStatus(JsonNode pod, long now) {
        String name = pod.path("metadata").path("name").asText();
        JsonNode status = pod.path("status");
        String phase = status.path("phase").asText("");
        if (PodState.runningAndReady(status)) {
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
        return stream.failure();
    }

    @Override
    public void close() {
        stream.close();
    }
}
