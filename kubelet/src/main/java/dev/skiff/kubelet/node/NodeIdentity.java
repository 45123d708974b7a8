package dev.skiff.kubelet.node;

/** Who this kubelet is: its node's name, the address it is reached at, and the port it serves on. */
public record NodeIdentity(String name, String address, int port) {
}
