package dev.skiff.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.table.Tables;
import dev.skiff.api.validation.FieldError;
import dev.skiff.apiserver.admission.TypedObjects;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.apiserver.registry.ObjectFilter;
import dev.skiff.apiserver.registry.ResourceLister;
import dev.skiff.apiserver.watch.WatchCaches;
import dev.skiff.apiserver.watch.Watcher;
import dev.skiff.store.KeyValue;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Watch requests ({@code ?watch=true} and {@code /watch/} paths) with Kubernetes' semantics:
 * without a resourceVersion (or with "0") the stream starts with ADDED events for what exists;
 * with one it resumes after it; a compacted one ends in a 410 Expired error event; bookmarks when
 * allowed; the stream ends after timeoutSeconds.
 */
@ApplicationScoped
public class WatchHandler {

    /** The routing context's data key holding the connection's event-loop context. */
    static final String EVENT_LOOP = "skiff.eventLoop";

    private final ResourceLister lister;
    private final WatchCaches caches;
    private final SkiffConfig.WatchConfig config;

    public WatchHandler(ResourceLister lister, WatchCaches caches, SkiffConfig config) {
        this.lister = lister;
        this.caches = caches;
        this.config = config.api().watch();
    }

    void watch(RoutingContext ctx, ResourceType type, String namespace, String name, QueryParams query) {
        String fieldSelector = query.get("fieldSelector");
        if (name != null) {
            String byName = "metadata.name=" + name;
            fieldSelector = fieldSelector == null || fieldSelector.isBlank() ? byName : fieldSelector + "," + byName;
        }
        ObjectFilter filter = ObjectFilter.parse(type, query.get("labelSelector"), fieldSelector);
        long timeoutSeconds = query.longValue("timeoutSeconds", 0);
        if (timeoutSeconds < 0) {
            throw ApiException.badRequest("timeoutSeconds must not be negative");
        }
        long requested = query.resourceVersion();
        boolean sendInitial = query.flag("sendInitialEvents");
        boolean bookmarks = query.flag("allowWatchBookmarks");
        if (sendInitial && !bookmarks) {
            throw ApiException.invalid("meta.k8s.io", "ListOptions", "", List.of(FieldError.forbidden(
                    "allowWatchBookmarks", "allowWatchBookmarks must be set to true when sendInitialEvents is set")));
        }
        boolean initialState = requested == 0 || sendInitial;

        List<KeyValue> initial = List.of();
        long after = requested;
        if (initialState) {
            ResourceLister.Page page = lister.list(type, namespace, filter, 0, null);
            initial = page.items();
            after = page.revision();
        }
        HttpServerResponse response = ctx.response();
        Context eventLoop = ctx.get(EVENT_LOOP);
        UnaryOperator<ObjectNode> render = MediaTypes.wantsTable(ctx.request().getHeader("Accept"))
                ? tableRenderer(type, query.get("includeObject")) : Watcher.AS_STORED;
        Watcher watcher = new Watcher(type, namespace, filter, bookmarks, render,
                config.queueSize() + initial.size(), after, eventLoop, response);

        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private");
        response.closeHandler(v -> watcher.connectionClosed());
        long timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : config.defaultTimeout().toMillis();
        long timer = ctx.vertx().setTimer(timeoutMs, id -> watcher.finish());
        watcher.onClose(() -> ctx.vertx().cancelTimer(timer));

        initial.forEach(watcher::initial);
        if (sendInitial) {
            watcher.initialEventsEnd(after);
        }
        response.write("");
        caches.attach(type, namespace, watcher, after);
    }

    /** Renders each event's object as a one-row Table; like Kubernetes, only the first carries the column definitions. */
    private static UnaryOperator<ObjectNode> tableRenderer(ResourceType type, String includeObject) {
        String include = Tables.validateIncludeObject(includeObject);
        AtomicBoolean first = new AtomicBoolean(true);
        return object -> {
            String rv = object.path("metadata").path("resourceVersion").asText();
            return Tables.render(type.kind(), List.of(TypedObjects.toTyped(type, object)), rv, null, include, Instant.now(),
                    !first.getAndSet(false));
        };
    }
}
