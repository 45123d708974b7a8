package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes Kubernetes Events ({@code core/v1}) about objects, the way client-go's recorder does, so
 * that {@code kubectl describe} and {@code kubectl get events} show what a component did
 * ({@code Scheduled}, {@code FailedScheduling}, {@code Pulled}, {@code Killing}, …). Events are
 * written from a thread of the recorder's own: recording never blocks or fails the caller; an event
 * that cannot be written is logged and dropped, as events are best effort.
 */
public final class EventRecorder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final ExecutorService writer;

    /** A recorder writing as {@code component} (e.g. {@code default-scheduler}, {@code kubelet}) on {@code host} (may be null). */
    public EventRecorder(KubernetesClient client, String component, String host) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-recorder-" + component);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A {@code Normal} event. */
    public void normal(HasMetadata about, String reason, String message) {
        record(about, null, "Normal", reason, message);
    }

    /** A {@code Warning} event. */
    public void warning(HasMetadata about, String reason, String message) {
        record(about, null, "Warning", reason, message);
    }

    /** An event about a part of the object, e.g. {@code spec.containers{web}}. */
    public void record(HasMetadata about, String fieldPath, String type, String reason, String message) {
        Event event = build(about, fieldPath, type, reason, message, Instant.now());
        try {
            writer.execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "event {0} on {1} dropped: the recorder is closed", reason, describe(about));
        }
    }

    Event build(HasMetadata about, String fieldPath, String type, String reason, String message, Instant now) {
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        ObjectReference involved = new ObjectReferenceBuilder()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withNamespace(about.getMetadata().getNamespace())
                .withName(about.getMetadata().getName())
                .withUid(about.getMetadata().getUid())
                .withResourceVersion(about.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath)
                .build();
        return new EventBuilder()
                .withNewMetadata()
                    .withNamespace(namespace)
                    // client-go's naming: the object's name and the time in nanoseconds as hex
                    .withName(about.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .endMetadata()
                .withInvolvedObject(involved)
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component)
                .withReportingInstance(host)
                .withFirstTimestamp(timestamp)
                .withLastTimestamp(timestamp)
                .withCount(1)
                .build();
    }

    /**
     * POSTs the event and reads nothing back: the created Event is of no use to a recorder, and
     * decoding it cost about as much as encoding the request. Error responses still throw.
     */
    private void write(Event event) {
        try {
            client.raw("/api/v1/namespaces/" + event.getMetadata().getNamespace() + "/events", "POST", event);
        } catch (KubernetesClientException e) {
            // the api-server refused it (a namespace being deleted, say): its reason on one line, no stack
            LOG.log(System.Logger.Level.WARNING, "could not write event " + describeEvent(event) + ": " + refusal(e));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write event " + describeEvent(event), e);
        }
    }

    private static String describeEvent(Event event) {
        return event.getReason() + " on " + event.getInvolvedObject().getKind() + " " + event.getInvolvedObject().getNamespace()
                + "/" + event.getInvolvedObject().getName();
    }

    /** The api-server's code and message, without fabric8's rendering of the whole Status. */
    private static String refusal(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        return e.getCode() > 0 ? e.getCode() + " " + message : message;
    }

    private static String describe(HasMetadata about) {
        return about.getKind() + " " + about.getMetadata().getNamespace() + "/" + about.getMetadata().getName();
    }

    /** Writes the events recorded so far (waiting a few seconds at most), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
