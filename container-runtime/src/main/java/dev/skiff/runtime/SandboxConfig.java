package dev.skiff.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a pod sandbox is made from: the pod it belongs to, the attempt (a new sandbox after the
 * old one died gets the next), its hostname, host network or not, the host ports to map into it,
 * and the labels to put on it.
 */
public record SandboxConfig(String namespace, String podName, String podUid, int attempt, String hostname,
                            boolean hostNetwork, List<PortMapping> portMappings, Map<String, String> labels) {

    public SandboxConfig {
        portMappings = List.copyOf(portMappings);
        labels = Map.copyOf(labels);
    }
}
