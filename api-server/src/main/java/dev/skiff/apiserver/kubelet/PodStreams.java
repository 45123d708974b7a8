package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.ExecOptions;
import dev.skiff.api.streaming.PortForwardProtocol;
import dev.skiff.api.streaming.SubProtocolHeader;
import dev.skiff.api.streaming.StreamOptions;
import dev.skiff.apiserver.registry.ResourceOperations;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code pods/NAME/exec}, {@code pods/NAME/attach} and {@code pods/NAME/portforward} (GET or POST):
 * checks the options, the pod, the container and the pod's node as Kubernetes' api-server does,
 * then joins the client's WebSocket
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
        if (subresource.equals("portforward")) {
            portForward(ctx, eventLoop, pods, namespace, name);
            return;
        }
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

    /**
     * {@code pods/NAME/portforward}: the ports asked for in the query, if any, must be ports; the
     * pod must be running (kubectl checks that too); the tunnel is the kubelet's
     * ({@link KubeletStreamProxy#tunnel}), which dials the ports the client's streams name.
     */
    private void portForward(RoutingContext ctx, Context eventLoop, ResourceType pods, String namespace, String name) {
        for (String port : ctx.queryParams().getAll("ports")) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw ApiException.badRequest("invalid port \"" + port + "\": ports must be numbers from 1 to 65535");
            }
        }
        ObjectNode pod = operations.get(pods, namespace, name);
        String phase = pod.path("status").path("phase").asText("");
        if (!phase.equals("Running")) {
            throw ApiException.badRequest("unable to forward port because pod is not running. Current status=" + phase);
        }
        KubeletEndpoint kubelet = kubelets.of(pod, name);
        boolean webSocket = "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))
                && SubProtocolHeader.offersAny(ctx.request().getHeader("Sec-WebSocket-Protocol"), List.of(PortForwardProtocol.SUBPROTOCOL));
        proxy.tunnel(ctx, eventLoop, kubelet, "/portForward/" + segment(namespace) + "/" + segment(name), webSocket);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
