package dev.skiff.runtime;

import java.util.Map;

/**
 * A container as a listing shows it, without asking the runtime about each one: enough to notice
 * that containers appeared, changed state or vanished (CRI's ListContainers, beside the full
 * {@link Container} status).
 */
public record ContainerSummary(String id, String sandboxId, Container.ContainerState state, Map<String, String> labels) {
}
