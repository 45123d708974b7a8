package dev.skiff.kubelet.pod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes a pod's status through the status subresource (a JSON merge patch of the whole status,
 * without a resourceVersion: the kubelet owns these fields), and only when it changes something.
 *
 * <p>A pod worker may hold a pod object from before this kubelet's last write (the watch has not
 * brought the write back yet). For such a pod the last written status is the current one, both as
 * the previous status a new one is built from (start time, conditions' transition times) and to
 * compare with; as Kubernetes' status manager, which keeps what it last set. A pod object from the
 * write on carries the stored status, which may have been changed by others since (the node
 * lifecycle controller's {@code Ready=False}): it is used then, so the kubelet sets it right again.
 */
public final class PodStatusWriter {

    private static final Logger LOG = Logger.getLogger(PodStatusWriter.class);

    /** How long a status write waits for the api-server's answer (fabric8's default request timeout). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    /** The api-server's {@code …/api/v1/namespaces/}. */
    private final String namespaces;
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    /** A status this kubelet wrote, and the resourceVersion the pod got by that write. */
    private record Written(PodStatus status, JsonNode tree, String resourceVersion) {
    }

    public PodStatusWriter(KubernetesClient client) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.namespaces = master + (master.endsWith("/") ? "" : "/") + "api/v1/namespaces/";
    }

    /** The pod's current status as this kubelet knows it: its last write's if the pod object predates that write. */
    public PodStatus current(Pod pod) {
        Written written = newerWrite(pod);
        if (written != null) {
            return written.status();
        }
        return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    }

    /** Returns whether it wrote. */
    public boolean write(Pod pod, PodStatus status) {
        JsonNode wanted = Json.MAPPER.valueToTree(status);
        String uid = pod.getMetadata().getUid();
        Written written = newerWrite(pod);
        JsonNode current = written != null ? written.tree()
                : pod.getStatus() == null ? null : Json.MAPPER.valueToTree(pod.getStatus());
        if (unchangedBy(current, wanted)) {
            return false;
        }
        String resourceVersion = patchStatus(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), wanted);
        lastWritten.put(uid, new Written(status, wanted, resourceVersion));
        String before = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!status.getPhase().equals(before)) {
            LOG.infof("pod %s/%s is %s%s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), status.getPhase(),
                    status.getPodIP() == null ? "" : " (IP " + status.getPodIP() + ")");
        }
        return true;
    }

    /**
     * PATCHes {@code {"status": …}} as a JSON merge patch and returns the pod's new resourceVersion.
     * The answer is read as a tree for that one field, not decoded into a Pod: the kubelet needs
     * nothing else from it, and fabric8's client would build its own Pod decoder besides the one
     * the informer uses.
     */
    private String patchStatus(String namespace, String name, JsonNode status) {
        String body = Json.MAPPER.createObjectNode().set("status", status).toString();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(namespaces + namespace + "/pods/" + name + "/status")
                .header("Accept", "application/json")
                .method("PATCH", "application/merge-patch+json", body)
                .build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, String.class);
        HttpResponse<String> response;
        try {
            response = answer.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KubernetesClientException("status of pod " + namespace + "/" + name + " not written", e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new KubernetesClientException("status of pod " + namespace + "/" + name + " not written: no answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted writing the status of pod " + namespace + "/" + name, e);
        }
        JsonNode answered = readTree(response.body());
        if (!response.isSuccessful()) {
            throw new KubernetesClientException("status of pod " + namespace + "/" + name + " not written: the api-server answered "
                    + response.code() + ": " + answered.path("message").asText(""), response.code(), null);
        }
        return answered.path("metadata").path("resourceVersion").asText();
    }

    /**
     * The answer as a tree; one that is not JSON reads as missing: a refusal then keeps its status
     * code alone, and a success records no resourceVersion, so the pod object's own status is used
     * next time (as for versions that are not numbers).
     */
    private static JsonNode readTree(String body) {
        try {
            return body == null || body.isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.missingNode();
        }
    }

    /** This kubelet's last write for the pod, if the pod object is older than it; else null. */
    private Written newerWrite(Pod pod) {
        Written written = lastWritten.get(pod.getMetadata().getUid());
        return written != null && predates(pod, written.resourceVersion()) ? written : null;
    }

    /**
     * Whether the pod object is older than the write that gave the pod {@code writtenVersion}. Skiff's
     * resourceVersions are its store's revisions, which only grow; one that is not a number counts
     * as not older, so the object's own status is used.
     */
    static boolean predates(Pod pod, String writtenVersion) {
        try {
            return Long.parseLong(pod.getMetadata().getResourceVersion()) < Long.parseLong(writtenVersion);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Whether {@code patch}, applied to {@code stored} as the JSON merge patch the writer sends, would
     * leave it as it is: objects merge field by field (fields only the stored status has stay, so they
     * do not make the kubelet write again and again), anything else, arrays included, is replaced.
     */
    static boolean unchangedBy(JsonNode stored, JsonNode patch) {
        if (stored == null) {
            return false;
        }
        if (!patch.isObject()) {
            return patch.equals(stored);
        }
        if (!stored.isObject()) {
            return false;
        }
        for (var field : patch.properties()) {
            if (!unchangedBy(stored.get(field.getKey()), field.getValue())) {
                return false;
            }
        }
        return true;
    }

    public void forget(String podUid) {
        lastWritten.remove(podUid);
    }
}
