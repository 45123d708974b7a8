package dev.skiff.kubelet.pod;

import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.Mount;
import dev.skiff.runtime.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod's container into what the runtime creates: environment, mounts of the prepared
 * volumes, resources (Kubernetes' conversions: CPU request → shares, CPU limit → CFS quota over a
 * 100 ms period, memory limit → bytes) and the pod's labels.
 */
public final class ContainerConfigFactory {

    static final long CPU_PERIOD_MICROS = 100_000;
    static final long MIN_SHARES = 2;
    static final long MIN_QUOTA_MICROS = 1_000;

    private final EnvResolver env;
    private final PodLabels labels;

    public ContainerConfigFactory(EnvResolver env, PodLabels labels) {
        this.env = env;
        this.labels = labels;
    }

    public ContainerConfig create(Pod pod, Container container, boolean init, int attempt, Map<String, Path> volumes,
                                  String podIp, String hostIp) throws ContainerConfigException {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount volumeMount : container.getVolumeMounts()) {
            Path host = volumes.get(volumeMount.getName());
            if (host == null) {
                throw new ContainerConfigException("volume \"" + volumeMount.getName() + "\" of container "
                        + container.getName() + " is not a volume of the pod (or not of a supported type)");
            }
            if (volumeMount.getSubPath() != null && !volumeMount.getSubPath().isEmpty()) {
                host = host.resolve(volumeMount.getSubPath()).normalize();
            }
            boolean readOnly = Boolean.TRUE.equals(volumeMount.getReadOnly()) || PodVolumes.readOnlyVolume(pod, volumeMount.getName());
            mounts.add(new Mount(host.toAbsolutePath().toString(), volumeMount.getMountPath(), readOnly));
        }
        Map<String, String> containerLabels = new java.util.LinkedHashMap<>(labels.forPod(pod));
        containerLabels.put(PodLabels.CONTAINER_NAME, container.getName());
        if (init) {
            containerLabels.put(PodLabels.INIT, "true");
        }
        return new ContainerConfig(container.getName(), attempt, container.getImage(),
                nullToEmpty(container.getCommand()), nullToEmpty(container.getArgs()),
                container.getWorkingDir() == null || container.getWorkingDir().isEmpty() ? null : container.getWorkingDir(),
                env.resolve(pod, container, podIp, hostIp), mounts, resources(container), containerLabels,
                new ContainerConfig.Stdio(Boolean.TRUE.equals(container.getStdin()), Boolean.TRUE.equals(container.getStdinOnce()),
                        Boolean.TRUE.equals(container.getTty())));
    }

    static Resources resources(Container container) {
        var requirements = container.getResources();
        Map<String, Quantity> requests = requirements == null || requirements.getRequests() == null ? Map.of() : requirements.getRequests();
        Map<String, Quantity> limits = requirements == null || requirements.getLimits() == null ? Map.of() : requirements.getLimits();
        Quantity cpuRequest = requests.getOrDefault("cpu", limits.get("cpu"));
        long shares = cpuRequest == null ? MIN_SHARES : Math.max(MIN_SHARES, milli(cpuRequest) * 1024 / 1000);
        long quota = 0;
        long period = 0;
        if (limits.containsKey("cpu")) {
            quota = Math.max(MIN_QUOTA_MICROS, milli(limits.get("cpu")) * CPU_PERIOD_MICROS / 1000);
            period = CPU_PERIOD_MICROS;
        }
        long memory = limits.containsKey("memory") ? limits.get("memory").getNumericalAmount().longValue() : 0;
        return new Resources(shares, quota, period, memory);
    }

    private static long milli(Quantity quantity) {
        return quantity.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
