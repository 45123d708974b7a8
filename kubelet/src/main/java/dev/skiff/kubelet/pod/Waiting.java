package dev.skiff.kubelet.pod;

/** Why a container is not running yet, as its status' {@code waiting} state says it. */
public record Waiting(String reason, String message) {

    public static Waiting creating() {
        return new Waiting("ContainerCreating", null);
    }

    public static Waiting podInitializing() {
        return new Waiting("PodInitializing", null);
    }
}
