package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.registry.ResourceOperations;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * {@code GET pods/NAME/log}: checks the options, the container and the pod's node as Kubernetes'
 * api-server does (in its order), then streams the log from the kubelet of the pod's node.
 */
@ApplicationScoped
public class PodLogs {

    private final ResourceOperations operations;
    private final PodKubelets kubelets;
    private final KubeletLogProxy proxy;

    public PodLogs(ResourceOperations operations, PodKubelets kubelets, KubeletLogProxy proxy) {
        this.operations = operations;
        this.kubelets = kubelets;
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
        String container = PodContainerName.resolve(pod, name, options.container());
        KubeletEndpoint kubelet = kubelets.of(pod, name);
        proxy.stream(ctx, eventLoop, kubelet,
                "/containerLogs/" + namespace + "/" + name + "/" + container + options.kubeletQuery());
    }
}
