package dev.skiff.runtime;

/** A host path bound into the container. */
public record Mount(String hostPath, String containerPath, boolean readOnly) {
}
