package dev.skiff.apiserver.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.kubelet.KubeletEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the resource summaries ({@code GET /stats/summary}) of kubelets, all at once. A kubelet
 * that does not answer in time, or answers an error, is left out (its node and pods have no metrics
 * then), as metrics-server leaves out a node it cannot scrape. Called from worker threads: it waits
 * for the answers.
 */
@ApplicationScoped
public class KubeletSummaries {

    private static final Logger LOG = Logger.getLogger(KubeletSummaries.class);
    /** Longest wait for a kubelet's summary, connection included. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;

    public KubeletSummaries(Vertx vertx, SkiffConfig config) {
        long connectTimeout = Math.min(config.api().kubelet().connectTimeout().toMillis(), TIMEOUT.toMillis());
        // a connection per read, as for logs: no pooled connection the kubelet may have closed meanwhile
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) connectTimeout).setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The summary of each kubelet that answered, by node name. */
    public Map<String, JsonNode> read(Collection<KubeletEndpoint> kubelets) {
        List<KubeletEndpoint> asked = List.copyOf(kubelets);
        List<Future<JsonNode>> answers = asked.stream().map(this::read).toList();
        try {
            Future.join(answers).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // join fails once any answer failed; each is looked at below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, JsonNode> summaries = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            Future<JsonNode> answer = answers.get(i);
            if (answer.succeeded()) {
                summaries.put(asked.get(i).node(), answer.result());
            } else {
                LOG.debugf("node %s: no resource summary from its kubelet at %s: %s", asked.get(i).node(), asked.get(i).authority(),
                        answer.failed() ? answer.cause().getMessage() : "no answer in time");
            }
        }
        return summaries;
    }

    private Future<JsonNode> read(KubeletEndpoint kubelet) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(kubelet.host()).setPort(kubelet.port())
                .setURI("/stats/summary").setIdleTimeout(TIMEOUT.toMillis());
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(KubeletSummaries::parse);
    }

    private static JsonNode parse(Buffer body) {
        try {
            return Json.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("not a summary: " + e.getMessage(), e);
        }
    }
}
