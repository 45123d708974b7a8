package dev.skiff.scheduler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.scheduler.binding.ApiWriter;
import dev.skiff.scheduler.framework.PodInfo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the scheduler's events as {@code core/v1} Events through the {@link ApiWriter}, shaped as
 * client-go's recorder shapes them (name {@code POD.HEXNANOS}, the pod as involved object, the
 * scheduler's name as source and reporting component). Best effort, as in Kubernetes: writing never
 * blocks or fails the caller; an event that cannot be written is logged, and while
 * {@value #MAX_IN_FLIGHT} are being written new ones are dropped (client-go's broadcaster drops
 * when its queue of 1,000 is full).
 */
final class ApiSchedulingEvents implements SchedulingEvents {

    private static final System.Logger LOG = System.getLogger(ApiSchedulingEvents.class.getName());
    static final int MAX_IN_FLIGHT = 1000;

    private final ApiWriter writer;
    private final String component;
    private final String host;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong dropped = new AtomicLong();

    /** @param component the scheduler's name; @param host this replica's identity */
    ApiSchedulingEvents(ApiWriter writer, String component, String host) {
        this.writer = writer;
        this.component = component;
        this.host = host;
    }

    @Override
    public void scheduled(PodInfo pod, String nodeName) {
        write(pod, "Normal", "Scheduled", "Successfully assigned " + pod.key() + " to " + nodeName);
    }

    @Override
    public void failedScheduling(PodInfo pod, String message) {
        write(pod, "Warning", "FailedScheduling", message);
    }

    private void write(PodInfo pod, String type, String reason, String message) {
        if (!inFlight.tryAcquire()) {
            if (dropped.incrementAndGet() % MAX_IN_FLIGHT == 1) {
                LOG.log(System.Logger.Level.WARNING, "dropping events: " + MAX_IN_FLIGHT + " are being written already ("
                        + dropped.get() + " dropped so far)");
            }
            return;
        }
        writer.post("/api/v1/namespaces/" + pod.namespace() + "/events", event(pod, type, reason, message, Instant.now()).toString())
                .whenComplete((response, error) -> {
                    inFlight.release();
                    if (error != null || !response.isSuccess()) {
                        LOG.log(System.Logger.Level.WARNING, "could not write event " + reason + " on pod " + pod.key() + ": "
                                + (error != null ? error : response.reason()));
                    }
                });
    }

    ObjectNode event(PodInfo pod, String type, String reason, String message, Instant now) {
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata").put("namespace", pod.namespace())
                .put("name", pod.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        event.putObject("involvedObject").put("apiVersion", "v1").put("kind", "Pod").put("namespace", pod.namespace())
                .put("name", pod.name()).put("uid", pod.uid()).put("resourceVersion", pod.pod().getMetadata().getResourceVersion());
        event.put("type", type).put("reason", reason).put("message", message);
        event.putObject("source").put("component", component).put("host", host);
        event.put("reportingComponent", component).put("reportingInstance", host);
        event.put("firstTimestamp", timestamp).put("lastTimestamp", timestamp).put("count", 1);
        return event;
    }
}
