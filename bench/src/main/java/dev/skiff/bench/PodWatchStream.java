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
import java.util.function.LongSupplier;

/**
 * A watch of one namespace's pods through the api-server, read on a background thread: each pod
 * added, changed or deleted is handed on with the time it arrived, read from the given clock. The benches'
 * pod watches ({@link PodBindWatch}, {@link PodStartWatch}, {@link PodSet}) note what they need from it.
 */
final class PodWatchStream implements AutoCloseable {

    /** Told of each pod added or changed, and of each deleted if it cares, with the clock's reading when its event arrived. */
    interface PodHandler {
        void onPod(JsonNode pod, long arrivedAt);

        /** The pod's last state, as the api-server deleted it. */
        default void onDeleted(JsonNode pod, long arrivedAt) {
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final InputStream stream;
    private final LongSupplier clock;
    private final PodHandler handler;
    private final Thread thread;
    private volatile Throwable failure;

    private PodWatchStream(InputStream stream, LongSupplier clock, PodHandler handler, String threadName) {
        this.stream = stream;
        this.clock = clock;
        this.handler = handler;
        this.thread = new Thread(this::read, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts watching NAMESPACE's pods from RESOURCE_VERSION on; returns once the api-server answered. */
    static PodWatchStream start(HttpClient http, URI baseUri, String namespace, String resourceVersion,
                                LongSupplier clock, PodHandler handler, String threadName)
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
        PodWatchStream watch = new PodWatchStream(response.body(), clock, handler, threadName);
        watch.thread.start();
        return watch;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                long now = clock.getAsLong();
                JsonNode event = json.readTree(line);
                String type = event.path("type").asText();
                if (type.equals("ERROR")) {
                    failure = new IllegalStateException("the pod watch ended with " + event.path("object"));
                    return;
                }
                if (type.equals("ADDED") || type.equals("MODIFIED")) {
                    handler.onPod(event.path("object"), now);
                } else if (type.equals("DELETED")) {
                    handler.onDeleted(event.path("object"), now);
                }
            }
            failure = new IllegalStateException("the api-server ended the pod watch");
        } catch (IOException e) {
            failure = e;
        }
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
