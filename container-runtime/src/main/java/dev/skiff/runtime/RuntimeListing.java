package dev.skiff.runtime;

import java.util.List;

/**
 * What one cheap listing of the runtime shows: sandboxes, and containers without exit codes or
 * times (CRI's ListPodSandbox and ListContainers together).
 */
public record RuntimeListing(List<Sandbox> sandboxes, List<ContainerSummary> containers) {
}
