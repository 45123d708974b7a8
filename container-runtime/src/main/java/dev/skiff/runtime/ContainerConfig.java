package dev.skiff.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container to create in a sandbox. {@code command} replaces the image's entrypoint and
 * {@code args} its cmd, each only when not empty (Kubernetes' rule); {@code env} keeps its order.
 * {@code attempt} counts the container's restarts. {@code workingDir} is null for the image's own.
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                              String workingDir, Map<String, String> env, List<Mount> mounts,
                              Resources resources, Map<String, String> labels) {

    public ContainerConfig {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }
}
