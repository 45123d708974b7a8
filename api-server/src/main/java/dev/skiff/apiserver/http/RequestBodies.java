package dev.skiff.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.protobuf.ProtobufDecoder;
import dev.skiff.api.protobuf.ProtobufDecodingException;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.admission.TypedObjects;
import dev.skiff.apiserver.review.ReviewResource;
import dev.skiff.apiserver.storage.ObjectCodec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Objects;

/** Decodes request bodies and checks them against the path they were sent to. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body as a JSON tree (JSON or YAML); malformed input is 400, an unknown media type 415. */
    static JsonNode read(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (!MediaTypes.isReadable(contentType)) {
            throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
                    + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }
        return parse(ctx, contentType);
    }

    /** A patch body: JSON whatever its patch media type (checked by the caller), or YAML. */
    static JsonNode readPatch(RoutingContext ctx) {
        return parse(ctx, ctx.request().getHeader("Content-Type"));
    }

    /**
     * A server-side apply's configuration: YAML (JSON is YAML too), an object whose kind and
     * apiVersion the caller checks against the path.
     */
    static ObjectNode readApply(RoutingContext ctx) {
        if (!(parse(ctx, "application/yaml") instanceof ObjectNode config)) {
            throw ApiException.badRequest("the apply configuration must be an object");
        }
        return config;
    }

    private static JsonNode parse(RoutingContext ctx, String contentType) {
        var body = ctx.body();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        if (MediaTypes.isProtobuf(contentType)) {
            try {
                return ProtobufDecoder.decode(body.buffer().getBytes());
            } catch (ProtobufDecodingException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        try {
            JsonNode node = (MediaTypes.isYaml(contentType) ? Json.YAML : Json.MAPPER).readTree(body.buffer().getBytes());
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty");
            }
            return node;
        } catch (IOException e) {
            String msg = e.getMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw ApiException.badRequest("the body of the request could not be decoded: "
                    + (nl > 0 ? msg.substring(0, nl) : msg));
        }
    }

    /**
     * The body as an object of the path's resource: kind and apiVersion must match (or be absent,
     * then they are filled in), and the namespace must be the path's.
     */
    static ObjectNode readObject(RoutingContext ctx, ResourceType type, String namespace) {
        ObjectNode object = readObjectOfKind(ctx, type.apiVersion(), type.kind());
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode meta = ObjectCodec.metadata(object);
        String objectNamespace = namespaceOf(type.namespaced(), meta.path("namespace").asText(""), namespace);
        if (objectNamespace == null) {
            meta.remove("namespace");
        } else {
            meta.put("namespace", objectNamespace);
        }
        return object;
    }

    /**
     * A review (a create-only question, never stored), checked as {@link #readObject}; a namespaced
     * review gets the path's namespace.
     */
    static ObjectNode readReview(RoutingContext ctx, ReviewResource review, String namespace) {
        ObjectNode object = readObjectOfKind(ctx, review.apiVersion(), review.kind());
        String objectNamespace = namespaceOf(review.namespaced(), object.path("metadata").path("namespace").asText(""), namespace);
        if (objectNamespace != null) {
            ObjectCodec.metadata(object).put("namespace", objectNamespace);
        }
        return object;
    }

    /** The body as a JSON object whose apiVersion and kind, where given, are the expected ones, and whose metadata is an object. */
    private static ObjectNode readObjectOfKind(RoutingContext ctx, String apiVersion, String kind) {
        JsonNode node = read(ctx);
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body of the request must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        checkTypeMeta(apiVersion, kind, object.path("apiVersion").asText(""), object.path("kind").asText(""));
        if (object.has("metadata") && !object.get("metadata").isObject()) {
            throw ApiException.badRequest("metadata must be an object");
        }
        return object;
    }

    /**
     * A new object from the body, checked as {@link #readObject}; JSON is decoded straight into the
     * resource's type (the create path's common case), other media types through a tree.
     */
    static HasMetadata readNew(RoutingContext ctx, ResourceType type, String namespace) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (!MediaTypes.isReadable(contentType) || MediaTypes.isProtobuf(contentType) || MediaTypes.isYaml(contentType)) {
            return TypedObjects.toTyped(type, readObject(ctx, type, namespace));
        }
        var body = ctx.body();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        HasMetadata object = TypedObjects.fromJson(type, body.buffer().getBytes());
        checkTypeMeta(type.apiVersion(), type.kind(), Objects.toString(object.getApiVersion(), ""), Objects.toString(object.getKind(), ""));
        object.setApiVersion(type.apiVersion());
        if (object.getMetadata() == null) {
            object.setMetadata(new ObjectMeta());
        }
        object.getMetadata().setNamespace(namespaceOf(type.namespaced(), Objects.toString(object.getMetadata().getNamespace(), ""), namespace));
        return object;
    }

    /** apiVersion and kind, where the body gives them, must be the path's. */
    private static void checkTypeMeta(String expectedApiVersion, String expectedKind, String apiVersion, String kind) {
        if (!apiVersion.isEmpty() && !apiVersion.equals(expectedApiVersion)) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + expectedApiVersion + ")");
        }
        if (!kind.isEmpty() && !kind.equals(expectedKind)) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + expectedKind + ")");
        }
    }

    /** The object's namespace: the path's (a different one in the body is 400), none for a cluster-scoped type. */
    private static String namespaceOf(boolean namespaced, String bodyNamespace, String pathNamespace) {
        if (!namespaced) {
            return null;
        }
        if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(pathNamespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        return pathNamespace;
    }
}
