package dev.skiff.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough OpenAPI for kubectl's validation to proceed without schemas: kubectl (1.29+) reads
 * {@code /openapi/v3} to learn that the server validates fields itself ({@code fieldValidation}
 * on every PATCH operation) and then sends {@code fieldValidation=Strict}; kubectl 1.27 and 1.28
 * first need {@code /openapi/v2}, answered with an empty protobuf document (no schemas, so no
 * client-side validation). Schemas are left out on purpose: without them kubectl computes
 * strategic merge patches from its compiled-in types, as it must for built-in kinds.
 */
@Path("/openapi")
public class OpenApiEndpoints {

    static final String PROTOBUF_V2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private final Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
    private final String hash;

    public OpenApiEndpoints(ResourceRegistry registry) {
        for (ResourceType type : registry.all()) {
            String path = type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
            byGroupVersion.computeIfAbsent(path, k -> new ArrayList<>()).add(type);
        }
        this.hash = Integer.toHexString(byGroupVersion.keySet().hashCode() * 31 + registry.all().size());
    }

    @GET
    @Path("v2")
    public Response v2(@HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains("protobuf")) {
            return Response.ok(new byte[0]).type(PROTOBUF_V2).build();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", "Skiff").put("version", "v1");
        doc.putObject("paths");
        return Response.ok(doc.toString()).type("application/json").build();
    }

    @GET
    @Path("v3")
    public Response v3() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode paths = doc.putObject("paths");
        for (String gv : byGroupVersion.keySet()) {
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
        }
        return Response.ok(doc.toString()).type("application/json").build();
    }

    @GET
    @Path("v3/{groupVersion: .+}")
    public Response v3GroupVersion(@PathParam("groupVersion") String groupVersion) {
        List<ResourceType> types = byGroupVersion.get(groupVersion);
        if (types == null) {
            return Response.status(404).type("application/json")
                    .entity("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                            + "\"message\":\"the server could not find the requested resource\",\"code\":404}")
                    .build();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Skiff").put("version", "v1");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType type : types) {
            String collection = "/" + groupVersion + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            ObjectNode patch = paths.putObject(collection + "/{name}").putObject("patch");
            patch.putObject("x-kubernetes-group-version-kind")
                    .put("group", type.group()).put("version", type.version()).put("kind", type.kind());
            patch.putArray("parameters").addObject()
                    .put("name", "fieldValidation").put("in", "query")
                    .put("description", "how the server treats unknown and duplicate fields: Ignore, Warn or Strict")
                    .putObject("schema").put("type", "string");
        }
        return Response.ok(doc.toString()).type("application/json").build();
    }
}
