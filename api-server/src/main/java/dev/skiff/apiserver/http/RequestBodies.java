package dev.skiff.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.protobuf.ProtobufDecoder;
import dev.skiff.api.protobuf.ProtobufDecodingException;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.storage.ObjectCodec;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;

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
        JsonNode node = read(ctx);
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body of the request must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        String apiVersion = object.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        String kind = object.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        if (object.has("metadata") && !object.get("metadata").isObject()) {
            throw ApiException.badRequest("metadata must be an object");
        }
        ObjectNode meta = ObjectCodec.metadata(object);
        if (type.namespaced()) {
            String bodyNamespace = meta.path("namespace").asText("");
            if (bodyNamespace.isEmpty()) {
                meta.put("namespace", namespace);
            } else if (!bodyNamespace.equals(namespace)) {
                throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
        } else {
            meta.remove("namespace");
        }
        return object;
    }
}
