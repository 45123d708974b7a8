package dev.skiff.systemtests.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * ConfigMaps of one namespace through an api-server's REST API, as any Kubernetes client writes them.
 * Each call is one HTTP request; an {@link IOException} means no answer came (the server may or may
 * not have committed the write).
 */
public final class ConfigMapClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String collection;
    private final String namespace;

    public ConfigMapClient(String serverUrl, String namespace) {
        this.namespace = namespace;
        this.collection = serverUrl + "/api/v1/namespaces/" + namespace + "/configmaps";
    }

    /** An api-server's answer: its status code and JSON body (an object or a Kubernetes {@code Status}). */
    public record Response(int status, JsonNode body) {

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /** {@code metadata.resourceVersion} of the object in the body. */
        public long resourceVersion() {
            return Long.parseLong(body.path("metadata").path("resourceVersion").asText());
        }

        /** {@code reason} of a {@code Status} body, e.g. {@code AlreadyExists}, {@code Conflict}, {@code NotFound}. */
        public String reason() {
            return body.path("reason").asText();
        }

        /** The object's {@code data}. */
        public Map<String, String> data() {
            Map<String, String> data = new TreeMap<>();
            body.path("data").fields().forEachRemaining(field -> data.put(field.getKey(), field.getValue().asText()));
            return data;
        }
    }

    public String namespace() {
        return namespace;
    }

    /** The key of an object of this namespace on the event topics: {@code namespace/name}. */
    public String topicKey(String name) {
        return namespace + "/" + name;
    }

    /** POST: creates a ConfigMap. */
    public Response create(String name, Map<String, String> data) throws IOException {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name);
        object.set("data", JSON.valueToTree(data));
        return send(HttpRequest.newBuilder(URI.create(collection))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(object.toString())));
    }

    /**
     * PATCH (JSON merge patch): sets these data entries; with {@code expectedResourceVersion} only if the
     * object is still at that version (409 Conflict otherwise), as Kubernetes' optimistic concurrency does.
     *
     * @param expectedResourceVersion the precondition, or 0 for none
     */
    public Response patch(String name, long expectedResourceVersion, Map<String, String> data) throws IOException {
        ObjectNode patch = JSON.createObjectNode();
        if (expectedResourceVersion != 0) {
            patch.putObject("metadata").put("resourceVersion", Long.toString(expectedResourceVersion));
        }
        patch.set("data", JSON.valueToTree(data));
        return send(HttpRequest.newBuilder(URI.create(collection + "/" + name))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString())));
    }

    /**
     * DELETE, only if the object is still at {@code expectedResourceVersion} (a {@code DeleteOptions}
     * precondition); the answer carries the object with the delete's resourceVersion.
     */
    public Response delete(String name, long expectedResourceVersion) throws IOException {
        ObjectNode options = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions");
        options.putObject("preconditions").put("resourceVersion", Long.toString(expectedResourceVersion));
        return send(HttpRequest.newBuilder(URI.create(collection + "/" + name))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(options.toString())));
    }

    /** GET of one ConfigMap. */
    public Response get(String name) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(collection + "/" + name)).GET());
    }

    /**
     * Every ConfigMap of the namespace by its topic key, with its resourceVersion.
     *
     * @throws UncheckedIOException if the server does not answer, or IllegalStateException if it refuses
     */
    public Map<String, Long> listResourceVersions() {
        try {
            Response list = send(HttpRequest.newBuilder(URI.create(collection)).GET());
            if (!list.succeeded()) {
                throw new IllegalStateException("listing " + collection + " answered " + list.status() + ": " + list.body());
            }
            Map<String, Long> versions = new TreeMap<>();
            for (JsonNode item : list.body().path("items")) {
                JsonNode metadata = item.path("metadata");
                versions.put(topicKey(metadata.path("name").asText()), Long.parseLong(metadata.path("resourceVersion").asText()));
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + collection, e);
        }
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a request to " + collection, e);
        }
    }

    /** The body as JSON; a body that is not (a proxy's or a failing server's text) as a JSON string. */
    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(body);
        }
    }
}
