package dev.skiff.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.patch.PatchType;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.table.Tables;
import dev.skiff.apiserver.admission.FieldValidation;
import dev.skiff.apiserver.admission.TypedObjects;
import dev.skiff.apiserver.admission.WriteOptions;
import dev.skiff.apiserver.kubelet.PodLogs;
import dev.skiff.apiserver.kubelet.PodStreams;
import dev.skiff.apiserver.registry.ObjectFilter;
import dev.skiff.apiserver.registry.PodBinding;
import dev.skiff.apiserver.registry.ResourceLister;
import dev.skiff.apiserver.registry.ResourceOperations;
import dev.skiff.apiserver.registry.ScaleSubresource;
import dev.skiff.apiserver.storage.StoredObject;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps a resource request (verb, path, query, body) onto the registry's operations. */
@ApplicationScoped
public class ResourceHandler {

    private final ResourceRegistry registry;
    private final ResourceOperations operations;
    private final ResourceLister lister;
    private final ScaleSubresource scale;
    private final PodBinding binding;
    private final WatchHandler watches;
    private final PodLogs logs;
    private final PodStreams streams;

    public ResourceHandler(ResourceRegistry registry, ResourceOperations operations, ResourceLister lister,
                           ScaleSubresource scale, PodBinding binding, WatchHandler watches, PodLogs logs,
                           PodStreams streams) {
        this.registry = registry;
        this.operations = operations;
        this.lister = lister;
        this.scale = scale;
        this.binding = binding;
        this.watches = watches;
        this.logs = logs;
        this.streams = streams;
    }

    public void handle(RoutingContext ctx, RequestInfo info) {
        ResourceType type = registry.find(info.group(), info.version(), info.resource())
                .orElseThrow(() -> new ApiException(404, "NotFound",
                        "the server could not find the requested resource"));
        if (!type.namespaced() && info.namespace() != null) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        if (info.subresource() != null && !type.hasSubresource(info.subresource())
                && !("finalize".equals(info.subresource()) && type.kind().equals("Namespace"))) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        QueryParams query = new QueryParams(ctx.queryParams());
        HttpMethod method = ctx.request().method();
        if (info.name() == null) {
            collection(ctx, info, type, query, method);
        } else {
            if (type.namespaced() && info.namespace() == null) {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }
            if (info.watchPath()) {
                watches.watch(ctx, type, info.namespace(), info.name(), query);
                return;
            }
            object(ctx, info, type, query, method);
        }
    }

    private void collection(RoutingContext ctx, RequestInfo info, ResourceType type, QueryParams query, HttpMethod method) {
        String ns = info.namespace();
        if (method == HttpMethod.GET) {
            if (info.watchPath() || query.flag("watch")) {
                watches.watch(ctx, type, ns, null, query);
            } else {
                list(ctx, type, ns, query);
            }
        } else if (method == HttpMethod.POST) {
            if (type.namespaced() && ns == null) {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }
            HasMetadata object = RequestBodies.readNew(ctx, type, ns);
            WriteOptions write = writeOptions(ctx, query);
            StoredObject<HasMetadata> created = operations.create(type, ns, object, write);
            warn(ctx, write);
            Responses.write(ctx, 201, created);
        } else if (method == HttpMethod.DELETE) {
            deleteCollection(ctx, type, ns, query);
        } else {
            throw ApiException.methodNotAllowed(method.name() + " is not supported on a collection of " + type.qualifiedName());
        }
    }

    private void object(RoutingContext ctx, RequestInfo info, ResourceType type, QueryParams query, HttpMethod method) {
        String ns = info.namespace();
        String name = info.name();
        String sub = info.subresource();
        WriteOptions write = writeOptions(ctx, query);
        if ("scale".equals(sub)) {
            switch (method.name()) {
                case "GET" -> Responses.write(ctx, 200, scale.get(type, ns, name));
                case "PUT" -> Responses.write(ctx, 200, scale.update(type, ns, name, scaleBody(ctx), write));
                case "PATCH" -> Responses.write(ctx, 200, scale.patch(type, ns, name, patchType(ctx), RequestBodies.readPatch(ctx), write));
                default -> throw notAllowed(method, type, sub);
            }
            return;
        }
        if ("binding".equals(sub)) {
            if (method != HttpMethod.POST) {
                throw notAllowed(method, type, sub);
            }
            binding.bind(type, ns, name, RequestBodies.read(ctx));
            Responses.write(ctx, 201, new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata()
                    .endMetadata().withStatus("Success").withCode(201).build());
            return;
        }
        if ("log".equals(sub)) {
            if (method != HttpMethod.GET) {
                throw notAllowed(method, type, sub);
            }
            logs.serve(ctx, ctx.get(WatchHandler.EVENT_LOOP), type, ns, name);
            return;
        }
        if ("exec".equals(sub) || "attach".equals(sub) || "portforward".equals(sub)) {
            if (method != HttpMethod.GET && method != HttpMethod.POST) {
                throw notAllowed(method, type, sub);
            }
            streams.serve(ctx, ctx.get(WatchHandler.EVENT_LOOP), type, ns, name, sub);
            return;
        }
        switch (method.name()) {
            case "GET" -> {
                ObjectNode object = operations.get(type, ns, name);
                Responses.write(ctx, 200, MediaTypes.wantsTable(ctx.request().getHeader("Accept"))
                        ? table(type, List.of(object), object.path("metadata").path("resourceVersion").asText(), null, query)
                        : object);
            }
            case "PUT" -> {
                ObjectNode body = RequestBodies.readObject(ctx, type, ns);
                StoredObject<ObjectNode> updated = operations.update(type, ns, name, sub, body, write);
                warn(ctx, write);
                Responses.write(ctx, 200, updated);
            }
            case "PATCH" -> {
                PatchType patchType = patchType(ctx);
                if (patchType == PatchType.APPLY) {
                    if (sub != null) {
                        throw ApiException.badRequest("server-side apply is served on the object itself, not on its " + sub + " subresource");
                    }
                    FieldManagers.requireForApply(query);
                    ResourceOperations.Applied applied = operations.apply(type, ns, name, RequestBodies.readApply(ctx), write);
                    warn(ctx, write);
                    Responses.write(ctx, applied.created() ? 201 : 200, applied.object());
                    return;
                }
                StoredObject<ObjectNode> patched = operations.patch(type, ns, name, sub, patchType, RequestBodies.readPatch(ctx), write);
                warn(ctx, write);
                Responses.write(ctx, 200, patched);
            }
            case "DELETE" -> {
                if (sub != null) {
                    throw notAllowed(method, type, sub);
                }
                Responses.write(ctx, 200, operations.delete(type, ns, name, deleteOptions(ctx, query), write.dryRun()));
            }
            default -> throw notAllowed(method, type, sub);
        }
    }

    private void list(RoutingContext ctx, ResourceType type, String ns, QueryParams query) {
        ObjectFilter filter = ObjectFilter.parse(type, query.get("labelSelector"), query.get("fieldSelector"));
        long limit = query.longValue("limit", 0);
        if (limit < 0) {
            throw ApiException.badRequest("limit must not be negative");
        }
        ResourceLister.Page page = lister.list(type, ns, filter, (int) Math.min(limit, Integer.MAX_VALUE), query.get("continue"));
        String rv = Long.toString(page.revision());
        if (MediaTypes.wantsTable(ctx.request().getHeader("Accept"))) {
            Responses.write(ctx, 200, table(type, page.objects(), rv, page.continueToken(), query));
        } else if (MediaTypes.wantsYaml(ctx.request().getHeader("Accept"))) {
            ObjectNode list = ListBodies.header(type, page);
            ArrayNode items = list.putArray("items");
            page.objects().forEach(items::add);
            Responses.write(ctx, 200, list);
        } else {
            Responses.writeJson(ctx, 200, ListBodies.json(type, page));
        }
    }

    private void deleteCollection(RoutingContext ctx, ResourceType type, String ns, QueryParams query) {
        ObjectFilter filter = ObjectFilter.parse(type, query.get("labelSelector"), query.get("fieldSelector"));
        DeleteOptions options = deleteOptions(ctx, query);
        boolean dryRun = query.dryRun();
        ResourceLister.Page page = lister.list(type, ns, filter, 0, null);
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (ObjectNode object : page.objects()) {
            String name = object.path("metadata").path("name").asText();
            String objectNs = type.namespaced() ? object.path("metadata").path("namespace").asText() : null;
            try {
                items.add(operations.delete(type, objectNs, name, options, dryRun));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        Responses.write(ctx, 200, list);
    }

    /** The objects as a Table, for a client that asked for one. */
    private static ObjectNode table(ResourceType type, List<ObjectNode> objects, String rv, String cont, QueryParams query) {
        List<HasMetadata> typed = new ArrayList<>(objects.size());
        for (ObjectNode o : objects) {
            typed.add(TypedObjects.toTyped(type, o));
        }
        return Tables.render(type.kind(), typed, rv, cont, Tables.validateIncludeObject(query.get("includeObject")), Instant.now());
    }

    private static WriteOptions writeOptions(RoutingContext ctx, QueryParams query) {
        return WriteOptions.of(query.dryRun(), FieldValidation.parse(query.get("fieldValidation")),
                FieldManagers.of(query, ctx.request().getHeader("User-Agent")),
                FieldManagers.force(query, ctx.request().method(), ctx.request().getHeader("Content-Type")));
    }

    /** Kubernetes' warning headers: {@code Warning: 299 - "text"}. */
    private static void warn(RoutingContext ctx, WriteOptions write) {
        for (String warning : write.warnings()) {
            ctx.response().headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
        }
    }

    private static PatchType patchType(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        PatchType type = PatchType.fromContentType(contentType).orElseThrow(() -> ApiException.unsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
                        + "application/strategic-merge-patch+json"));
        return type;
    }

    private static ObjectNode scaleBody(RoutingContext ctx) {
        JsonNode node = RequestBodies.read(ctx);
        if (!(node instanceof ObjectNode scale)) {
            throw ApiException.badRequest("the body of the request must be a Scale object");
        }
        String kind = scale.path("kind").asText("Scale");
        if (!kind.equals("Scale")) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (Scale)");
        }
        return scale;
    }

    private static DeleteOptions deleteOptions(RoutingContext ctx, QueryParams query) {
        DeleteOptions options = new DeleteOptions();
        var body = ctx.body();
        if (body != null && body.length() > 0) {
            try {
                options = Json.MAPPER.treeToValue(RequestBodies.read(ctx), DeleteOptions.class);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("the DeleteOptions in the request body could not be decoded: " + e.getOriginalMessage());
            }
        }
        if (query.get("gracePeriodSeconds") != null) {
            options.setGracePeriodSeconds(query.longValue("gracePeriodSeconds", 0));
        }
        if (query.get("propagationPolicy") != null) {
            options.setPropagationPolicy(query.get("propagationPolicy"));
        }
        if (query.get("orphanDependents") != null && options.getPropagationPolicy() == null) {
            options.setPropagationPolicy(query.flag("orphanDependents") ? "Orphan" : "Background");
        }
        if (options.getOrphanDependents() != null && options.getPropagationPolicy() == null) {
            options.setPropagationPolicy(options.getOrphanDependents() ? "Orphan" : "Background");
        }
        return options;
    }

    private static ApiException notAllowed(HttpMethod method, ResourceType type, String sub) {
        return ApiException.methodNotAllowed("the server does not allow this method on the requested resource ("
                + method.name() + " " + type.qualifiedName() + (sub == null ? "" : "/" + sub) + ")");
    }
}
