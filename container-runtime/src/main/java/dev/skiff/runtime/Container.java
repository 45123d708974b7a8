package dev.skiff.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the runtime sees it. {@code imageId} is the resolved image (e.g. {@code sha256:…});
 * {@code startedAt} and {@code finishedAt} are null until they happened; {@code exitCode},
 * {@code reason} ({@code Completed}, {@code Error}, {@code OOMKilled}) and {@code message} mean
 * something once it has exited.
 */
public record Container(String id, String sandboxId, String name, int attempt, String image, String imageId,
                        ContainerState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                        int exitCode, String reason, String message, Map<String, String> labels) {

    public enum ContainerState { CREATED, RUNNING, EXITED, UNKNOWN }
}
