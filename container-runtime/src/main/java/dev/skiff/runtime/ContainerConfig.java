package dev.skiff.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container to create in a sandbox. {@code command} replaces the image's entrypoint and
 * {@code args} its cmd, each only when not empty (Kubernetes' rule); {@code env} keeps its order.
 * {@code attempt} counts the container's restarts. {@code workingDir} is null for the image's own.
 * {@code stdio} is what the container's spec asks for its stdin and terminal.
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                              String workingDir, Map<String, String> env, List<Mount> mounts,
                              Resources resources, Map<String, String> labels, Stdio stdio) {

    public ContainerConfig {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /** A container whose stdin is closed (reads end at once) and which has no terminal, the common case. */
    public ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                           String workingDir, Map<String, String> env, List<Mount> mounts,
                           Resources resources, Map<String, String> labels) {
        this(name, attempt, image, command, args, workingDir, env, mounts, resources, labels, Stdio.NONE);
    }

    /**
     * A container spec's {@code stdin}, {@code stdinOnce} and {@code tty}: with {@code stdin} its stdin
     * stays open (a shell waits on it instead of ending), with {@code stdinOnce} it closes when the
     * first client attached to it goes, with {@code tty} the process runs on a terminal.
     */
    public record Stdio(boolean stdin, boolean stdinOnce, boolean tty) {

        public static final Stdio NONE = new Stdio(false, false, false);
    }
}
