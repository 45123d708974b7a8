package dev.skiff.apiserver.admission;

import dev.skiff.apiserver.config.SkiffConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' DefaultTolerationSeconds admission plugin: a pod written without a toleration of the
 * {@code node.kubernetes.io/not-ready:NoExecute} or {@code node.kubernetes.io/unreachable:NoExecute}
 * taint gets one ({@code Exists}, with the configured tolerationSeconds), so that the taint eviction
 * controller moves it off a failed node after that time rather than at once. A toleration with the
 * taint's key (or no key) and the NoExecute effect (or no effect) counts as one already.
 */
@ApplicationScoped
public class DefaultTolerationSeconds {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private static final String NO_EXECUTE = "NoExecute";

    private final long notReadySeconds;
    private final long unreachableSeconds;

    @Inject
    public DefaultTolerationSeconds(SkiffConfig config) {
        this(config.api().admission().defaultNotReadyTolerationSeconds(),
                config.api().admission().defaultUnreachableTolerationSeconds());
    }

    public DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
        this.notReadySeconds = notReadySeconds;
        this.unreachableSeconds = unreachableSeconds;
    }

    /** Adds the missing default tolerations to a pod; other objects pass untouched. */
    public void admit(HasMetadata object) {
        if (!(object instanceof Pod pod)) {
            return;
        }
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? new ArrayList<>()
                : new ArrayList<>(pod.getSpec().getTolerations());
        boolean notReadyTolerated = tolerations.stream().anyMatch(t -> toleratesNoExecute(t, NOT_READY));
        boolean unreachableTolerated = tolerations.stream().anyMatch(t -> toleratesNoExecute(t, UNREACHABLE));
        if (notReadyTolerated && unreachableTolerated) {
            return;
        }
        if (!notReadyTolerated) {
            tolerations.add(toleration(NOT_READY, notReadySeconds));
        }
        if (!unreachableTolerated) {
            tolerations.add(toleration(UNREACHABLE, unreachableSeconds));
        }
        pod.getSpec().setTolerations(tolerations);
    }

    private static boolean toleratesNoExecute(Toleration toleration, String key) {
        return (isEmpty(toleration.getKey()) || key.equals(toleration.getKey()))
                && (isEmpty(toleration.getEffect()) || NO_EXECUTE.equals(toleration.getEffect()));
    }

    private static Toleration toleration(String key, long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(NO_EXECUTE)
                .withTolerationSeconds(seconds).build();
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
