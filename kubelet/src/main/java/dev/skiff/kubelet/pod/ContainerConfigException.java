package dev.skiff.kubelet.pod;

/** A container cannot be configured yet (a configMap or secret it needs is missing): the pod shows {@code CreateContainerConfigError}. */
public final class ContainerConfigException extends Exception {

    public ContainerConfigException(String message) {
        super(message);
    }
}
