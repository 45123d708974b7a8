package dev.skiff.apiserver.http;

import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.metrics.MetricsResource;
import dev.skiff.apiserver.metrics.ResourceMetrics;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Maps a request for node or pod metrics onto {@link ResourceMetrics}: get and list, as metrics-server serves them (no watch). */
@ApplicationScoped
public class MetricsHandler {

    private final ResourceMetrics metrics;

    public MetricsHandler(ResourceMetrics metrics) {
        this.metrics = metrics;
    }

    public void handle(RoutingContext ctx, RequestInfo info, MetricsResource resource) {
        if (info.subresource() != null || (!resource.namespaced() && info.namespace() != null)) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        QueryParams query = new QueryParams(ctx.queryParams());
        if (ctx.request().method() != HttpMethod.GET || info.watchPath() || "true".equals(query.get("watch"))) {
            throw ApiException.methodNotAllowed(ctx.request().method().name() + (info.watchPath() || "true".equals(query.get("watch")) ? " (watch)" : "")
                    + " is not supported on " + resource.plural() + "." + MetricsResource.GROUP + ": the verbs are get and list");
        }
        if (info.name() != null) {
            Responses.write(ctx, 200, metrics.get(resource, info.namespace(), info.name()));
        } else {
            Responses.write(ctx, 200, metrics.list(resource, info.namespace(), query.get("labelSelector"), query.get("fieldSelector")));
        }
    }
}
