package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.ExecOptions;
import dev.skiff.api.streaming.StreamOptions;
import dev.skiff.apiserver.registry.ResourceOperations;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code pods/NAME/exec} and {@code pods/NAME/attach} (GET or POST): checks the options, the pod,
 * the container and the pod's node as Kubernetes' api-server does, then joins the client's WebSocket
 * to one opened to the kubelet of the pod's node ({@link KubeletStreamProxy}). Only WebSocket is
 * served: kubectl 1.30 and later try it first and fall back to SPDY only when it fails, and that
 * second attempt gets the same checks, so the user sees the reason of the first failure either way.
 */
@ApplicationScoped
public class PodStreams {

    private final ResourceOperations operations;
    private final PodKubelets kubelets;
    private final KubeletStreamProxy proxy;

    public PodStreams(ResourceOperations operations, PodKubelets kubelets, KubeletStreamProxy proxy) {
        this.operations = operations;
        this.kubelets = kubelets;
        this.proxy = proxy;
    }

    /**
     * Serves SUBRESOURCE ({@code exec} or {@code attach}) on a worker thread (reading the pod and node
     * may block); every check that fails is thrown as an {@link ApiException}.
     */
    public void serve(RoutingContext ctx, Context eventLoop, ResourceType pods, String namespace, String name, String subresource) {
        String query = subresource.equals("exec")
                ? ExecOptions.parse(parameter -> ctx.queryParams().getAll(parameter)).query()
                : StreamOptions.parse(parameter -> ctx.queryParams().getAll(parameter)).query();
        ObjectNode pod = operations.get(pods, namespace, name);
        String container = PodContainerName.resolve(pod, name, ctx.queryParams().get("container"));
        KubeletEndpoint kubelet = kubelets.of(pod, name);
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            throw ApiException.badRequest("pods/" + subresource + " is served over WebSocket only (subprotocol "
                    + String.join(" or ", Channels.SUBPROTOCOLS) + ", which kubectl 1.30 and later speak), not over "
                    + (ctx.request().getHeader("Upgrade") == null ? "plain HTTP" : ctx.request().getHeader("Upgrade")));
        }
        proxy.join(ctx, eventLoop, kubelet, "/" + subresource + "/" + segment(namespace) + "/" + segment(name) + "/" + segment(container)
                + "?" + query);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
