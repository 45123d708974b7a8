package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.status.ApiException;

/**
 * Where a node's kubelet serves: the node's first {@code InternalIP} address (else its
 * {@code Hostname}) from {@code status.addresses}, and the port its kubelet reported in
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}.
 */
public record KubeletEndpoint(String node, String host, int port) {

    private static final String[] ADDRESS_TYPES = {"InternalIP", "Hostname"};

    /** The endpoint of {@code node}'s kubelet; 503 when the node has not reported one (yet). */
    public static KubeletEndpoint of(ObjectNode node) {
        String name = node.path("metadata").path("name").asText();
        JsonNode status = node.path("status");
        String host = address(status.path("addresses"));
        if (host == null) {
            throw ApiException.unavailable("node \"" + name + "\" has no InternalIP or Hostname address in "
                    + "status.addresses, so its kubelet cannot be reached");
        }
        int port = status.path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (port <= 0 || port > 65535) {
            throw ApiException.unavailable("node \"" + name + "\" has no kubelet port in "
                    + "status.daemonEndpoints.kubeletEndpoint.Port, so its kubelet cannot be reached");
        }
        return new KubeletEndpoint(name, host, port);
    }

    private static String address(JsonNode addresses) {
        for (String type : ADDRESS_TYPES) {
            for (JsonNode address : addresses) {
                String value = address.path("address").asText("");
                if (type.equals(address.path("type").asText()) && !value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** {@code host:port}, with an IPv6 address in brackets. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
