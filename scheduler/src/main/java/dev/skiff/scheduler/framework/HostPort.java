package dev.skiff.scheduler.framework;

/**
 * A port a container asks for on its node ({@code ports[].hostPort}), with its protocol and the
 * node address it binds ({@code 0.0.0.0}, all of them, when none is given).
 */
public record HostPort(String protocol, String ip, int port) {

    public static final String ALL_ADDRESSES = "0.0.0.0";

    /** Whether the two cannot both be bound on one node: same protocol and port, and the same address or one of them on all. */
    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (ip.equals(other.ip) || ip.equals(ALL_ADDRESSES) || other.ip.equals(ALL_ADDRESSES));
    }

    @Override
    public String toString() {
        return protocol + "/" + ip + ":" + port;
    }
}
