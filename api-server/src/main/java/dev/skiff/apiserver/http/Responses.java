package dev.skiff.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.storage.StoredObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writes API answers: objects as JSON (or YAML when asked), errors as Kubernetes Status objects. */
public final class Responses {

    private Responses() {
    }

    public static void write(RoutingContext ctx, int code, Object body) {
        boolean yaml = MediaTypes.wantsYaml(ctx.request().getHeader("Accept"));
        boolean table = body instanceof ObjectNode o && "Table".equals(o.path("kind").asText());
        try {
            byte[] bytes = (yaml ? Json.YAML : Json.MAPPER).writeValueAsBytes(body);
            ctx.response().setStatusCode(code)
                    .putHeader("Content-Type", yaml ? "application/yaml" : table ? MediaTypes.TABLE : "application/json")
                    .putHeader("Cache-Control", "no-cache, private")
                    .end(Buffer.buffer(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
    }

    /** A written object: the JSON made when it was stored, or YAML when asked. */
    public static void write(RoutingContext ctx, int code, StoredObject<?> stored) {
        if (MediaTypes.wantsYaml(ctx.request().getHeader("Accept"))) {
            write(ctx, code, stored.object());
            return;
        }
        writeJson(ctx, code, Buffer.buffer(stored.json()));
    }

    /** A body already serialized as JSON. */
    public static void writeJson(RoutingContext ctx, int code, Buffer json) {
        ctx.response().setStatusCode(code)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private")
                .end(json);
    }

    public static void error(RoutingContext ctx, ApiException error) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        try {
            ctx.response().setStatusCode(error.code())
                    .putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(error.toStatus())));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
