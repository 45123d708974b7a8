package dev.skiff.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerNetworkSettings;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerSummary;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.Sandbox;
import dev.skiff.runtime.Sandbox.SandboxState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Turns what Docker reports about its containers into the port's {@link Container} and {@link Sandbox}. */
final class StateMapper {

    /** Docker's "never": Go's zero time. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private StateMapper() {
    }

    /**
     * An app container from its inspection. Reasons are Kubernetes': {@code Completed} (exit 0),
     * {@code Error}, {@code OOMKilled}, and {@code StartError} for a container that could not be
     * started (Docker leaves it "created", with the runtime's error and an exit code).
     */
    static Container container(InspectContainerResponse inspected) {
        Map<String, String> labels = labels(inspected);
        InspectContainerResponse.ContainerState state = inspected.getState();
        String status = state.getStatus() == null ? "" : state.getStatus();
        int exitCode = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
        String error = state.getError() == null ? "" : state.getError();
        ContainerState mapped = switch (status) {
            case "created" -> exitCode != 0 || !error.isEmpty() ? ContainerState.EXITED : ContainerState.CREATED;
            case "running", "paused", "restarting" -> ContainerState.RUNNING;
            case "exited", "dead" -> ContainerState.EXITED;
            default -> ContainerState.UNKNOWN;
        };
        String reason = "";
        String message = "";
        if (mapped == ContainerState.EXITED) {
            message = error;
            if ("created".equals(status)) {
                reason = "StartError";
            } else if (Boolean.TRUE.equals(state.getOOMKilled())) {
                reason = "OOMKilled";
            } else {
                reason = exitCode == 0 ? "Completed" : "Error";
            }
        }
        Instant startedAt = time(state.getStartedAt());
        Instant finishedAt = time(state.getFinishedAt());
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            // Docker can record the exit of a very short-lived process a moment before its start
            finishedAt = startedAt;
        }
        return new Container(
                inspected.getId(),
                labels.getOrDefault(Labels.SANDBOX_ID, ""),
                labels.getOrDefault(Labels.CONTAINER_NAME, ""),
                Labels.attempt(labels),
                inspected.getConfig() == null ? "" : inspected.getConfig().getImage(),
                inspected.getImageId(),
                mapped,
                time(inspected.getCreated()),
                startedAt,
                finishedAt,
                exitCode,
                reason,
                message,
                Labels.callers(labels));
    }

    /** A sandbox from a container listing, which carries the network settings (so no inspection is needed). */
    static Sandbox sandbox(com.github.dockerjava.api.model.Container listed) {
        boolean running = "running".equals(listed.getState());
        return new Sandbox(
                listed.getId(),
                running ? SandboxState.READY : SandboxState.NOT_READY,
                running ? ip(listed.getNetworkSettings()) : "",
                listed.getCreated() == null ? null : Instant.ofEpochSecond(listed.getCreated()),
                Labels.callers(listed.getLabels()));
    }

    static ContainerSummary summary(com.github.dockerjava.api.model.Container listed) {
        ContainerState state = switch (listed.getState() == null ? "" : listed.getState()) {
            case "created" -> ContainerState.CREATED;
            case "running", "paused", "restarting" -> ContainerState.RUNNING;
            case "exited", "dead" -> ContainerState.EXITED;
            default -> ContainerState.UNKNOWN;
        };
        Map<String, String> labels = listed.getLabels() == null ? Map.of() : listed.getLabels();
        return new ContainerSummary(listed.getId(), labels.get(Labels.SANDBOX_ID), state, Labels.callers(labels));
    }

    static boolean isType(InspectContainerResponse inspected, String type) {
        return type.equals(labels(inspected).get(Labels.TYPE));
    }

    static Map<String, String> labels(InspectContainerResponse inspected) {
        Map<String, String> labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static String ip(ContainerNetworkSettings settings) {
        if (settings == null || settings.getNetworks() == null) {
            return "";
        }
        return settings.getNetworks().values().stream()
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isEmpty())
                .findFirst()
                .orElse("");
    }

    /** Docker's RFC 3339 time, or null for the zero time and anything unreadable. */
    static Instant time(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            return instant.isAfter(ZERO_TIME) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
