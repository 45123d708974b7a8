package dev.skiff.scheduler.binding;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.vertx.core.http.HttpMethod;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the condition as a strategic merge patch of {@code pods/NAME/status} (conditions merge by
 * type, so the pod's other conditions stay), as Kubernetes' scheduler does. The transition time
 * moves only when the condition's status changes.
 */
public final class ApiPodStatusWriter implements PodStatusWriter {

    static final String POD_SCHEDULED = "PodScheduled";

    private final ApiWriter writer;

    public ApiPodStatusWriter(ApiWriter writer) {
        this.writer = writer;
    }

    @Override
    public void setNotScheduled(PodInfo pod, String reason, String message) {
        PodCondition current = podScheduled(pod.pod());
        if (current != null && "False".equals(current.getStatus()) && reason.equals(current.getReason())
                && message.equals(current.getMessage())) {
            return;
        }
        String transition = current != null && "False".equals(current.getStatus()) && current.getLastTransitionTime() != null
                ? current.getLastTransitionTime()
                : DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode condition = patch.putObject("status").putArray("conditions").addObject();
        condition.put("type", POD_SCHEDULED)
                .put("status", "False")
                .put("reason", reason)
                .put("message", message)
                .putNull("lastProbeTime")
                .put("lastTransitionTime", transition);
        ApiWriter.Response response = Answers.await(writer.send(HttpMethod.PATCH,
                "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/status",
                "application/strategic-merge-patch+json", patch.toString()));
        if (!response.isSuccess()) {
            throw new IllegalStateException(response.reason());
        }
    }

    private static PodCondition podScheduled(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        if (conditions == null) {
            return null;
        }
        for (PodCondition condition : conditions) {
            if (POD_SCHEDULED.equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }
}
