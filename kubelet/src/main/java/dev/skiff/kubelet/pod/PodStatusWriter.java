package dev.skiff.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes a pod's status through the status subresource (a JSON merge patch of the whole status,
 * without a resourceVersion: the kubelet owns these fields), and only when it differs from both
 * the status the pod has and the one last written.
 */
public final class PodStatusWriter {

    private static final Logger LOG = Logger.getLogger(PodStatusWriter.class);

    private final KubernetesClient client;
    private final Map<String, JsonNode> lastWritten = new ConcurrentHashMap<>();

    public PodStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Returns whether it wrote. */
    public boolean write(Pod pod, PodStatus status) {
        JsonNode wanted = Json.MAPPER.valueToTree(status);
        String uid = pod.getMetadata().getUid();
        if (wanted.equals(lastWritten.get(uid)) || (pod.getStatus() != null && wanted.equals(Json.MAPPER.valueToTree(pod.getStatus())))) {
            return false;
        }
        Pod patch = new PodBuilder().withNewMetadata().withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).endMetadata().withStatus(status).build();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(patch).patchStatus();
        lastWritten.put(uid, wanted);
        String before = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!status.getPhase().equals(before)) {
            LOG.infof("pod %s/%s is %s%s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), status.getPhase(),
                    status.getPodIP() == null ? "" : " (IP " + status.getPodIP() + ")");
        }
        return true;
    }

    public void forget(String podUid) {
        lastWritten.remove(podUid);
    }
}
