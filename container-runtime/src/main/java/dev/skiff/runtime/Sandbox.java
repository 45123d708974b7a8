package dev.skiff.runtime;

import java.time.Instant;
import java.util.Map;

/** A pod sandbox as the runtime sees it: {@code ip} is the pod IP (empty when it has none, e.g. not ready). */
public record Sandbox(String id, SandboxState state, String ip, Instant createdAt, Map<String, String> labels) {

    public enum SandboxState { READY, NOT_READY }
}
