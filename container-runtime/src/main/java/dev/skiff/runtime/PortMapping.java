package dev.skiff.runtime;

/** A host port forwarded to the sandbox: protocol {@code TCP}, {@code UDP} or {@code SCTP}; {@code hostIp} empty for all addresses. */
public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {
}
