package dev.skiff.apiserver.http;

import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.discovery.DiscoveryDocuments;
import dev.skiff.apiserver.metrics.MetricsResource;
import dev.skiff.apiserver.review.ReviewResource;
import dev.skiff.store.StoreException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Mounts the Kubernetes API ({@code /api} and {@code /apis}) on the HTTP server. Requests run on
 * worker threads (they wait on the store); watch streams and pod logs are then written from the event loop.
 */
@ApplicationScoped
public class ApiRoutes {

    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);

    private final ResourceHandler resources;
    private final ReviewHandler reviews;
    private final MetricsHandler metrics;
    private final DiscoveryDocuments discovery;
    private final SkiffConfig config;

    public ApiRoutes(ResourceHandler resources, ReviewHandler reviews, MetricsHandler metrics, DiscoveryDocuments discovery,
                     SkiffConfig config) {
        this.resources = resources;
        this.reviews = reviews;
        this.metrics = metrics;
        this.discovery = discovery;
        this.config = config;
    }

    void mount(@Observes Router router) {
        router.routeWithRegex("^/apis?(/.*)?$")
                .order(-100)
                .handler(BodyHandler.create(false).setBodyLimit(config.api().maxRequestBytes()))
                .handler(ctx -> {
                    ctx.put(WatchHandler.EVENT_LOOP, Vertx.currentContext());
                    ctx.next();
                })
                .blockingHandler(this::handle, false)
                .failureHandler(this::failure);
    }

    private void handle(RoutingContext ctx) {
        try {
            RequestInfo info = RequestInfoParser.parse(ctx.normalizedPath());
            if (info.isDiscovery()) {
                discovery(ctx, info);
                return;
            }
            Optional<ReviewResource> review = ReviewResource.find(info.group(), info.version(), info.resource());
            Optional<MetricsResource> metric = MetricsResource.find(info.group(), info.version(), info.resource());
            if (review.isPresent()) {
                reviews.handle(ctx, info, review.get());
            } else if (metric.isPresent()) {
                metrics.handle(ctx, info, metric.get());
            } else {
                resources.handle(ctx, info);
            }
        } catch (ApiException e) {
            Responses.error(ctx, e);
        } catch (StoreException e) {
            LOG.errorf(e, "%s %s: storage failed", ctx.request().method(), ctx.request().uri());
            Responses.error(ctx, ApiException.unavailable("storage is unavailable: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s %s failed", ctx.request().method(), ctx.request().uri());
            Responses.error(ctx, ApiException.internal("Internal error occurred: " + e));
        }
    }

    private void discovery(RoutingContext ctx, RequestInfo info) {
        if (ctx.request().method() != HttpMethod.GET) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        ApiException notFound = new ApiException(404, "NotFound", "the server could not find the requested resource");
        Object doc;
        if (info.group() == null) {
            doc = discovery.groupList();
        } else if (info.group().isEmpty() && info.version() == null) {
            doc = discovery.apiVersions(ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port());
        } else if (info.version() == null) {
            doc = discovery.group(info.group()).orElseThrow(() -> notFound);
        } else {
            doc = discovery.resourceList(info.group(), info.version()).orElseThrow(() -> notFound);
        }
        Responses.write(ctx, 200, doc);
    }

    private void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            Responses.error(ctx, ApiException.requestEntityTooLarge("the request is too large: the limit is "
                    + config.api().maxRequestBytes() + " bytes"));
        } else {
            Throwable cause = ctx.failure();
            LOG.errorf(cause, "%s %s failed", ctx.request().method(), ctx.request().uri());
            Responses.error(ctx, ApiException.internal("Internal error occurred: "
                    + (cause == null ? "status " + ctx.statusCode() : cause.toString())));
        }
    }
}
