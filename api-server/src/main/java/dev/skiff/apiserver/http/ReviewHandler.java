package dev.skiff.apiserver.http;

import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.review.ReviewResource;
import dev.skiff.apiserver.review.Reviews;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Maps a request for a review resource onto {@link Reviews}: create is the one verb, answered 201. */
@ApplicationScoped
public class ReviewHandler {

    private final Reviews reviews;

    public ReviewHandler(Reviews reviews) {
        this.reviews = reviews;
    }

    public void handle(RoutingContext ctx, RequestInfo info, ReviewResource review) {
        if (info.name() != null || info.subresource() != null || info.watchPath()
                || review.namespaced() != (info.namespace() != null)) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST) {
            throw ApiException.methodNotAllowed(method.name() + " is not supported on " + review.plural() + "." + review.group()
                    + ": the only verb is create");
        }
        Responses.write(ctx, 201, reviews.answer(review, info.namespace(), RequestBodies.readReview(ctx, review, info.namespace())));
    }
}
