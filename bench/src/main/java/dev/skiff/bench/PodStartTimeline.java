package dev.skiff.bench;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker engine's {@code create} and {@code start} events of the kubelet's sandboxes and app
 * containers, by pod name: the engine's own timestamps of each step of a pod's start, to tell
 * where the time from a pod's create to its {@code Running} status goes. Fed by an events stream
 * filtered on the node's label.
 */
final class PodStartTimeline extends ResultCallback.Adapter<Event> {

    /** The kubelet's pod name label (PodLabels.NAME), and the runtime's label telling a sandbox from an app container. */
    private static final String POD_NAME_LABEL = "io.kubernetes.pod.name";
    private static final String TYPE_LABEL = "dev.skiff.runtime.type";

    /** A step of a pod's start, as the engine reports it. */
    enum Step {
        SANDBOX_CREATED, SANDBOX_STARTED, CONTAINER_CREATED, CONTAINER_STARTED
    }

    private final Map<String, Map<Step, Long>> steps = new ConcurrentHashMap<>();

    @Override
    public void onNext(Event event) {
        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
        if (attributes == null || event.getTimeNano() == null) {
            return;
        }
        String pod = attributes.get(POD_NAME_LABEL);
        String type = attributes.get(TYPE_LABEL);
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (pod == null || type == null || action == null) {
            return;
        }
        boolean sandbox = type.equals("sandbox");
        Step step = switch (action) {
            case "create" -> sandbox ? Step.SANDBOX_CREATED : Step.CONTAINER_CREATED;
            case "start" -> sandbox ? Step.SANDBOX_STARTED : Step.CONTAINER_STARTED;
            default -> null;
        };
        if (step != null) {
            steps.computeIfAbsent(pod, name -> new ConcurrentHashMap<>()).putIfAbsent(step, event.getTimeNano());
        }
    }

    /** When the engine reported the pod's step first, in nanoseconds since the epoch, or null. */
    Long at(String pod, Step step) {
        Map<Step, Long> ofPod = steps.get(pod);
        return ofPod == null ? null : ofPod.get(step);
    }
}
