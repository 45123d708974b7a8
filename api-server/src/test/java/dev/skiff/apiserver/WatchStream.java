package dev.skiff.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client side of one watch stream: reads events on a thread of its own into a queue. */
final class WatchStream implements AutoCloseable {

    /** Marks the end of the stream in the queue. */
    static final JsonNode END = Json.MAPPER.createObjectNode().put("type", "END");

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread reader;

    private WatchStream(HttpResponse<java.io.InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "watch-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static WatchStream open(URI base, String pathAndQuery) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build();
        return new WatchStream(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    int statusCode() {
        return response.statusCode();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    events.add(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            // the stream was closed by the test or the server; END marks it either way
        }
        events.add(END);
    }

    /** The next event, waiting up to 10 s; fails the test if none comes. */
    JsonNode next() throws InterruptedException {
        JsonNode e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no watch event within 10 s");
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }

    static String type(JsonNode event) {
        return event.path("type").asText();
    }

    static String name(JsonNode event) {
        return event.path("object").path("metadata").path("name").asText();
    }
}
