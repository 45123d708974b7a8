package dev.skiff.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the runtime has of one pod at one moment: its sandboxes and containers, newest first. */
public record PodContainers(List<Sandbox> sandboxes, List<Container> containers) {

    private static final Comparator<Container> NEWEST_FIRST = Comparator.comparingInt(Container::attempt).reversed()
            .thenComparing(Container::createdAt, Comparator.nullsLast(Comparator.reverseOrder()));

    public PodContainers {
        sandboxes = sandboxes.stream().sorted(Comparator.comparing(Sandbox::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        containers = containers.stream().sorted(NEWEST_FIRST).toList();
    }

    /** The newest sandbox, if it is ready. */
    public Optional<Sandbox> readySandbox() {
        return sandboxes.stream().findFirst().filter(s -> s.state() == Sandbox.SandboxState.READY);
    }

    /** The newest instance of a container of the current sandbox. */
    public Optional<Container> latest(String name, String sandboxId) {
        return containers.stream().filter(c -> c.name().equals(name) && c.sandboxId().equals(sandboxId)).findFirst();
    }

    /** The newest instance of a container in any sandbox (for status and logs). */
    public Optional<Container> latest(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The instance before the newest one (for lastState and {@code logs --previous}). */
    public Optional<Container> previous(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).skip(1).findFirst();
    }

    public boolean isEmpty() {
        return sandboxes.isEmpty() && containers.isEmpty();
    }

    public boolean anyRunning() {
        return containers.stream().anyMatch(c -> c.state() == Container.ContainerState.RUNNING)
                || sandboxes.stream().anyMatch(s -> s.state() == Sandbox.SandboxState.READY);
    }
}
