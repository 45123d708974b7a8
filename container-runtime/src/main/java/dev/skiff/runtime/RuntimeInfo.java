package dev.skiff.runtime;

/** The engine behind the port: {@code name} as in a containerID's scheme ({@code docker}), and its version. */
public record RuntimeInfo(String name, String version) {

    /** As Kubernetes shows it in nodeInfo.containerRuntimeVersion, e.g. {@code docker://20.10.24}. */
    public String versionString() {
        return name + "://" + version;
    }
}
