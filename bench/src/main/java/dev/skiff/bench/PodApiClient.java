package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls of the Kubernetes API the benchmarks make, over HTTP/1.1 with keep-alive: pods and
 * namespaces, whose answers {@code bench api} reads and drops, and any object by its path, read as
 * JSON. A call answered with a status other than 2xx throws {@link UnexpectedResponseException}.
 */
final class PodApiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";
    /** Keeps the body of an error answer, for the report, and discards that of a success. */
    private static final BodyHandler<String> ERROR_BODY_ONLY = response -> isSuccess(response.statusCode())
            ? BodySubscribers.replacing("")
            : BodySubscribers.ofString(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI baseUri;

    PodApiClient(URI baseUri) {
        this.baseUri = baseUri;
    }

    URI baseUri() {
        return baseUri;
    }

    /** The client the calls go through, for a watch beside them. */
    HttpClient http() {
        return http;
    }

    void createNamespace(String name) throws IOException, InterruptedException, UnexpectedResponseException {
        post("/api/v1/namespaces", """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}""".formatted(name));
    }

    void createPod(String namespace, String manifest) throws IOException, InterruptedException, UnexpectedResponseException {
        post(podsPath(namespace), manifest);
    }

    void getPod(String namespace, String name) throws IOException, InterruptedException, UnexpectedResponseException {
        get(podsPath(namespace) + "/" + encode(name));
    }

    void listPods(String namespace) throws IOException, InterruptedException, UnexpectedResponseException {
        get(podsPath(namespace));
    }

    void listPods(String namespace, int limit) throws IOException, InterruptedException, UnexpectedResponseException {
        get(podsPath(namespace) + "?limit=" + limit);
    }

    /** The number of items a full list of the namespace's pods returns. */
    int countPods(String namespace) throws IOException, InterruptedException, UnexpectedResponseException {
        String path = podsPath(namespace);
        HttpResponse<byte[]> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (!isSuccess(response.statusCode())) {
            throw new UnexpectedResponseException("GET " + path, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode items = json.readTree(response.body()).path("items");
        if (!items.isArray()) {
            throw new IOException("the answer to GET " + path + " has no items array");
        }
        return items.size();
    }

    /** {@code GET PATH}, the answer parsed. */
    JsonNode getJson(String path) throws IOException, InterruptedException, UnexpectedResponseException {
        return json("GET " + path, request(path).GET().build());
    }

    /** {@code POST BODY} to PATH; the object created. */
    JsonNode create(String path, String body) throws IOException, InterruptedException, UnexpectedResponseException {
        return json("POST " + path, request(path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** {@code PATCH PATH} with a JSON merge patch; the object patched. */
    JsonNode mergePatch(String path, String patch) throws IOException, InterruptedException, UnexpectedResponseException {
        return json("PATCH " + path, request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch, StandardCharsets.UTF_8)).build());
    }

    /** {@code DELETE PATH}; false when there was nothing there (404). */
    boolean delete(String path) throws IOException, InterruptedException, UnexpectedResponseException {
        HttpResponse<String> response = http.send(request(path).DELETE().build(), ERROR_BODY_ONLY);
        if (response.statusCode() == 404) {
            return false;
        }
        check("DELETE " + path, response);
        return true;
    }

    private JsonNode json(String what, HttpRequest request) throws IOException, InterruptedException, UnexpectedResponseException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        check(what, response);
        return json.readTree(response.body());
    }

    private void post(String path, String body) throws IOException, InterruptedException, UnexpectedResponseException {
        HttpRequest request = request(path)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        check("POST " + path, http.send(request, ERROR_BODY_ONLY));
    }

    private void get(String path) throws IOException, InterruptedException, UnexpectedResponseException {
        check("GET " + path, http.send(request(path).GET().build(), ERROR_BODY_ONLY));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON);
    }

    private static void check(String request, HttpResponse<String> response) throws UnexpectedResponseException {
        if (!isSuccess(response.statusCode())) {
            throw new UnexpectedResponseException(request, response.statusCode(), response.body());
        }
    }

    private static boolean isSuccess(int status) {
        return status / 100 == 2;
    }

    private static String podsPath(String namespace) {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
