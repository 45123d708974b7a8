package dev.skiff.kubelet.pod;

import dev.skiff.informer.EventRecorder;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ImagePullException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes a container's image present as its pull policy says: {@code Never} uses only a local
 * image, {@code IfNotPresent} pulls when missing, {@code Always} pulls every time. A failed pull
 * gives {@code ErrImagePull}, then {@code ImagePullBackOff} while its back-off window lasts.
 */
public final class ImagePuller {

    private static final Logger LOG = Logger.getLogger(ImagePuller.class);

    private final ContainerRuntime runtime;
    private final BackOff backOff;
    private final EventRecorder events;

    public ImagePuller(ContainerRuntime runtime, BackOff backOff, EventRecorder events) {
        this.runtime = runtime;
        this.backOff = backOff;
        this.events = events;
    }

    /** Empty when the image is ready; else why the container waits. */
    public Optional<Waiting> ensure(Pod pod, Container container) {
        String image = container.getImage();
        String policy = container.getImagePullPolicy() == null ? defaultPolicy(image) : container.getImagePullPolicy();
        String fieldPath = "spec.containers{" + container.getName() + "}";
        boolean present = runtime.image(image).isPresent();
        if (policy.equals("Never") || (policy.equals("IfNotPresent") && present)) {
            if (present) {
                if (!policy.equals("Never")) {
                    events.record(pod, fieldPath, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine");
                }
                return Optional.empty();
            }
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            events.record(pod, fieldPath, "Warning", "ErrImageNeverPull", message);
            return Optional.of(new Waiting("ErrImageNeverPull", message));
        }
        String key = pod.getMetadata().getUid() + "/image/" + image;
        Duration left = backOff.remaining(key, null);
        if (!left.isZero()) {
            String message = "Back-off pulling image \"" + image + "\"";
            events.record(pod, fieldPath, "Normal", "BackOff", message);
            return Optional.of(new Waiting("ImagePullBackOff", message));
        }
        events.record(pod, fieldPath, "Normal", "Pulling", "Pulling image \"" + image + "\"");
        try {
            runtime.pullImage(image);
            backOff.reset(key);
            events.record(pod, fieldPath, "Normal", "Pulled", "Successfully pulled image \"" + image + "\"");
            return Optional.empty();
        } catch (ImagePullException e) {
            backOff.next(key);
            LOG.infof("pod %s/%s: %s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
            events.record(pod, fieldPath, "Warning", "Failed", e.getMessage());
            return Optional.of(new Waiting("ErrImagePull", e.getMessage()));
        }
    }

    /** Kubernetes' default: Always for {@code :latest} or no tag, else IfNotPresent. */
    static String defaultPolicy(String image) {
        String afterSlash = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        return !afterSlash.contains(":") || afterSlash.endsWith(":latest") ? "Always" : "IfNotPresent";
    }

    /** How long until the image may be pulled again (zero when it may now). */
    public Duration retryIn(Pod pod, String image) {
        return backOff.remaining(pod.getMetadata().getUid() + "/image/" + image, null);
    }
}
