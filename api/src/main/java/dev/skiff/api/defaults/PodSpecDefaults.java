package dev.skiff.api.defaults;

import dev.skiff.api.validation.VolumeSources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;

/**
 * The defaults Kubernetes gives every pod spec, whether in a pod or in a template (a Deployment's or a
 * ReplicaSet's): restart and DNS policies, grace period, scheduler, and per container the pull policy,
 * termination message, port protocols and probe timings.
 */
public final class PodSpecDefaults {

    private static final String DEFAULT_SCHEDULER = "default-scheduler";
    /** 0644, the mode of files projected from secrets, config maps and the downward API. */
    private static final int DEFAULT_FILE_MODE = 0644;
    private static final long DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

    private PodSpecDefaults() {
    }

    public static void apply(PodSpec spec) {
        if (isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName(DEFAULT_SCHEDULER);
        }
        list(spec.getContainers()).forEach(PodSpecDefaults::applyToContainer);
        list(spec.getInitContainers()).forEach(PodSpecDefaults::applyToContainer);
        list(spec.getVolumes()).forEach(PodSpecDefaults::applyToVolume);
    }

    private static void applyToContainer(Container container) {
        if (isEmpty(container.getImagePullPolicy())) {
            container.setImagePullPolicy(ImageTags.isLatest(container.getImage()) ? "Always" : "IfNotPresent");
        }
        if (isEmpty(container.getTerminationMessagePath())) {
            container.setTerminationMessagePath("/dev/termination-log");
        }
        if (isEmpty(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("File");
        }
        for (ContainerPort port : list(container.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
        for (EnvVar variable : list(container.getEnv())) {
            if (variable.getValueFrom() != null) {
                applyToFieldSelector(variable.getValueFrom().getFieldRef());
            }
        }
        applyToProbe(container.getLivenessProbe());
        applyToProbe(container.getReadinessProbe());
        applyToProbe(container.getStartupProbe());
        Lifecycle lifecycle = container.getLifecycle();
        if (lifecycle != null) {
            applyToHandler(lifecycle.getPostStart());
            applyToHandler(lifecycle.getPreStop());
        }
    }

    private static void applyToProbe(Probe probe) {
        if (probe == null) {
            return;
        }
        if (isUnset(probe.getTimeoutSeconds())) {
            probe.setTimeoutSeconds(1);
        }
        if (isUnset(probe.getPeriodSeconds())) {
            probe.setPeriodSeconds(10);
        }
        if (isUnset(probe.getSuccessThreshold())) {
            probe.setSuccessThreshold(1);
        }
        if (isUnset(probe.getFailureThreshold())) {
            probe.setFailureThreshold(3);
        }
        applyToHttpGet(probe.getHttpGet());
    }

    private static void applyToHandler(LifecycleHandler handler) {
        if (handler != null) {
            applyToHttpGet(handler.getHttpGet());
        }
    }

    private static void applyToHttpGet(HTTPGetAction action) {
        if (action == null) {
            return;
        }
        if (isEmpty(action.getPath())) {
            action.setPath("/");
        }
        if (isEmpty(action.getScheme())) {
            action.setScheme("HTTP");
        }
    }

    private static void applyToFieldSelector(ObjectFieldSelector selector) {
        if (selector != null && isEmpty(selector.getApiVersion())) {
            selector.setApiVersion("v1");
        }
    }

    /** A volume without a source is an emptyDir; projected files get mode 0644. */
    private static void applyToVolume(Volume volume) {
        if (VolumeSources.of(volume).isEmpty()) {
            volume.setEmptyDir(new EmptyDirVolumeSource());
        }
        if (volume.getHostPath() != null && volume.getHostPath().getType() == null) {
            volume.getHostPath().setType("");
        }
        if (volume.getSecret() != null && volume.getSecret().getDefaultMode() == null) {
            volume.getSecret().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (volume.getConfigMap() != null && volume.getConfigMap().getDefaultMode() == null) {
            volume.getConfigMap().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (volume.getDownwardAPI() != null) {
            if (volume.getDownwardAPI().getDefaultMode() == null) {
                volume.getDownwardAPI().setDefaultMode(DEFAULT_FILE_MODE);
            }
            list(volume.getDownwardAPI().getItems()).forEach(item -> applyToFieldSelector(item.getFieldRef()));
        }
        if (volume.getProjected() != null) {
            if (volume.getProjected().getDefaultMode() == null) {
                volume.getProjected().setDefaultMode(DEFAULT_FILE_MODE);
            }
            list(volume.getProjected().getSources()).forEach(PodSpecDefaults::applyToProjection);
        }
    }

    private static void applyToProjection(VolumeProjection projection) {
        if (projection.getServiceAccountToken() != null
                && projection.getServiceAccountToken().getExpirationSeconds() == null) {
            projection.getServiceAccountToken().setExpirationSeconds(DEFAULT_TOKEN_EXPIRATION_SECONDS);
        }
        if (projection.getDownwardAPI() != null) {
            for (DownwardAPIVolumeFile item : list(projection.getDownwardAPI().getItems())) {
                applyToFieldSelector(item.getFieldRef());
            }
        }
    }

    private static boolean isUnset(Integer value) {
        return value == null || value == 0;
    }
}
