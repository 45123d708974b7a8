package dev.skiff.informer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * The api-server's list and watch as an {@link EventSource}: how informers read in single-machine
 * mode, without Kafka. It behaves as client-go's reflector: it lists the resource in all namespaces
 * (in pages of 500), hands that to the informer as the full state, then watches from the list's
 * resourceVersion with bookmarks. When a watch stream ends it watches again from the last
 * resourceVersion it saw (an event's or a bookmark's); when the api-server answers 410 Expired (that
 * version has been compacted away) it lists again. Failures are retried with back-off (200 ms
 * doubling to 30 s).
 *
 * <p>It speaks HTTP through the HTTP client of the component's {@link KubernetesClient} (no client of
 * its own: one connection pool, one set of threads per component) rather than fabric8's watch:
 * fabric8 7.5's HTTP watch decodes each network chunk on its own and takes the decoder's whole
 * backing array, so any non-ASCII character (a label, an annotation, a ConfigMap value) adds NUL
 * characters to the stream and the watch fails; this reads the stream's bytes as UTF-8 lines instead.
 */
public final class WatchEventSource<T extends HasMetadata> implements EventSource<T> {

    private static final System.Logger LOG = System.getLogger(WatchEventSource.class.getName());
    private static final int PAGE_SIZE = 500;
    private static final int GONE = 410;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI collection;
    private final Class<T> objectClass;
    private final WatchEventReader<T> events;
    private final String fieldSelector;
    private final int pageSize;
    private final HttpClient http;
    private final SourceThread source = new SourceThread();
    /** The watch stream being read, so that {@link #stop()} can close it under the reader. */
    private volatile InputStream openStream;
    /** Where the next watch starts; null when the next step is a list. Used by the source's thread only. */
    private String resourceVersion;

    /** A source of every object of the type, in all namespaces, from the api-server the client talks to. */
    public WatchEventSource(KubernetesClient client, ResourceType type, Class<T> objectClass) {
        this(client, type, objectClass, null, PAGE_SIZE);
    }

    WatchEventSource(KubernetesClient client, ResourceType type, Class<T> objectClass, String fieldSelector, int pageSize) {
        if (!type.type().equals(objectClass)) {
            throw new IllegalArgumentException(type.kind() + " objects are " + type.type().getName() + ", not " + objectClass.getName());
        }
        String apiServerUrl = client.getMasterUrl().toString();
        String base = apiServerUrl.endsWith("/") ? apiServerUrl.substring(0, apiServerUrl.length() - 1) : apiServerUrl;
        String prefix = type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/";
        this.collection = URI.create(base + prefix + type.version() + "/" + type.plural());
        this.objectClass = objectClass;
        this.events = new WatchEventReader<>(objectClass);
        this.fieldSelector = fieldSelector;
        this.pageSize = pageSize;
        this.http = client.getHttpClient();
    }

    /** The pods bound to one node ({@code fieldSelector=spec.nodeName=NODE}), as a kubelet reads them. */
    public static WatchEventSource<Pod> forNodePods(KubernetesClient client, String nodeName) {
        ResourceType pods = ResourceRegistry.builtIn().findByKind("", "Pod").orElseThrow();
        return new WatchEventSource<>(client, pods, Pod.class, "spec.nodeName=" + nodeName, PAGE_SIZE);
    }

    @Override
    public void start(Listener<T> listener) {
        source.start("skiff-watch-" + collection.getPath(), () -> run(listener));
    }

    @Override
    public void stop() {
        source.stop(() -> {
            source.interrupt();
            closeQuietly(openStream);
        });
    }

    @Override
    public String toString() {
        return "watch of " + collection + (fieldSelector == null ? "" : "?fieldSelector=" + fieldSelector);
    }

    private void run(Listener<T> listener) {
        Duration retry = FIRST_RETRY;
        while (!source.stopped()) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = list(listener);
                }
                if (watch(listener)) {
                    retry = FIRST_RETRY;
                    continue;
                }
                LOG.log(System.Logger.Level.DEBUG, this + " ended before any event; watching again in " + retry.toMillis() + " ms");
            } catch (IOException | RuntimeException e) {
                if (source.stopped()) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, this + " failed; retrying in " + retry.toMillis() + " ms: " + e);
            } catch (InterruptedException e) {
                return;
            }
            if (source.awaitStop(retry)) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    /** Lists every page, hands the whole to the listener, and returns the list's resourceVersion. */
    private String list(Listener<T> listener) throws IOException, InterruptedException {
        List<T> objects = new ArrayList<>();
        String listVersion = null;
        String continueToken = null;
        do {
            String query = "limit=" + pageSize + (continueToken == null ? "" : "&continue=" + encode(continueToken));
            JsonNode page;
            try (InputStream body = get(query, false)) {
                if (body == null) {
                    throw new IOException("the list's continue token expired before its last page");
                }
                page = Json.MAPPER.readTree(body);
            }
            for (JsonNode item : page.path("items")) {
                objects.add(Json.MAPPER.treeToValue(item, objectClass));
            }
            if (listVersion == null) {
                listVersion = page.path("metadata").path("resourceVersion").asText();
            }
            continueToken = page.path("metadata").path("continue").asText("");
        } while (!continueToken.isEmpty());
        listener.reset(objects, listVersion);
        return listVersion;
    }

    /**
     * Watches from {@link #resourceVersion} until the stream ends, handing each change to the listener
     * and moving {@code resourceVersion} along; after 410 Expired it is null, so a list comes next.
     * Returns whether to go on at once: false if the stream ended before anything came, so that a
     * watch that keeps ending backs off.
     */
    private boolean watch(Listener<T> listener) throws IOException, InterruptedException {
        String query = "watch=true&allowWatchBookmarks=true&resourceVersion=" + encode(resourceVersion);
        InputStream body = get(query, true);
        if (body == null) {
            return true;
        }
        boolean received = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !source.stopped(); line = lines.readLine()) {
                if (!line.isBlank()) {
                    received = true;
                    if (!handle(events.read(line), listener)) {
                        return true;
                    }
                }
            }
        } finally {
            openStream = null;
        }
        return received;
    }

    /** Handles one watch event; false when the watch must end (410 Expired); other error events throw. */
    private boolean handle(WatchEventReader.Event<T> event, Listener<T> listener) throws IOException {
        String type = event.type();
        switch (type) {
            case "ADDED", "MODIFIED", "DELETED" -> {
                listener.event(EventType.valueOf(type), event.object());
                resourceVersion = event.resourceVersion();
            }
            case "BOOKMARK" -> resourceVersion = event.resourceVersion();
            case "ERROR" -> {
                JsonNode status = event.status() == null ? Json.MAPPER.missingNode() : event.status();
                expireOrFail(status.path("code").asInt(), status.path("message").asText(""));
                return false;
            }
            default -> LOG.log(System.Logger.Level.WARNING, this + " ignores an event of type " + type);
        }
        return true;
    }

    /**
     * GETs the collection with the query: the body (kept in {@link #openStream} for a watch), or
     * null after a 410 Expired answer.
     */
    private InputStream get(String query, boolean watch) throws IOException, InterruptedException {
        String selector = fieldSelector == null ? "" : "&fieldSelector=" + encode(fieldSelector);
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(URI.create(collection + "?" + query + selector))
                .header("Accept", "application/json")
                .build();
        HttpResponse<InputStream> response = send(request);
        if (response.code() != 200) {
            JsonNode status;
            try (InputStream body = response.body()) {
                status = Json.MAPPER.readTree(body.readAllBytes());
            }
            expireOrFail(response.code(), status == null ? "" : status.path("message").asText(""));
            return null;
        }
        if (watch) {
            openStream = response.body();
            if (source.stopped()) {
                closeQuietly(response.body());
            }
        }
        return response.body();
    }

    /**
     * Sends the request and waits for the answer's headers, at most {@link #REQUEST_TIMEOUT}; the body
     * streams in after (a watch's for as long as it lasts).
     */
    private HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(request, InputStream.class);
        try {
            return answer.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    /** After a 410 the next step is a list; any other error status is a failure to retry. */
    private void expireOrFail(int code, String message) throws IOException {
        if (code != GONE) {
            throw new IOException("the api-server answered " + code + ": " + message);
        }
        LOG.log(System.Logger.Level.INFO, this + " expired at resourceVersion " + resourceVersion + " (" + message
                + "); listing again");
        resourceVersion = null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // closing only to unblock the reader
        }
    }
}
