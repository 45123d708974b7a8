package dev.skiff.apiserver.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.registry.ResourceOperations;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET pods/NAME/log}: checks the options, the container and the pod's node as Kubernetes'
 * api-server does (in its order), then streams the log from the kubelet of the pod's node.
 */
@ApplicationScoped
public class PodLogs {

    private final ResourceOperations operations;
    private final ResourceType nodes;
    private final KubeletLogProxy proxy;

    public PodLogs(ResourceRegistry registry, ResourceOperations operations, KubeletLogProxy proxy) {
        this.operations = operations;
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
        this.proxy = proxy;
    }

    /**
     * Runs on a worker thread, where reading the pod and node may block; every check that fails is
     * thrown as an {@link ApiException}. The stream itself then runs on {@code eventLoop}, the
     * request's connection's event loop, so no thread waits while a log is followed.
     */
    public void serve(RoutingContext ctx, Context eventLoop, ResourceType pods, String namespace, String name) {
        PodLogOptions options = PodLogOptions.parse(ctx.queryParams(), name);
        ObjectNode pod = operations.get(pods, namespace, name);
        String container = container(pod, name, options.container());
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        KubeletEndpoint kubelet = KubeletEndpoint.of(operations.get(nodes, null, nodeName));
        proxy.stream(ctx, eventLoop, kubelet,
                "/containerLogs/" + namespace + "/" + name + "/" + container + options.kubeletQuery());
    }

    /**
     * The container asked for, which must be one of the pod's (init, app or ephemeral) containers;
     * without one, the pod's only app container.
     */
    private static String container(ObjectNode pod, String podName, String requested) {
        JsonNode spec = pod.path("spec");
        List<String> all = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            spec.path(field).forEach(c -> all.add(c.path("name").asText()));
        }
        if (!requested.isEmpty()) {
            if (!all.contains(requested)) {
                throw ApiException.badRequest("container " + requested + " is not valid for pod " + podName);
            }
            return requested;
        }
        JsonNode containers = spec.path("containers");
        if (containers.size() == 1) {
            return containers.get(0).path("name").asText();
        }
        throw ApiException.badRequest("a container name must be specified for pod " + podName + ", choose one of: ["
                + String.join(" ", all) + "]");
    }
}
