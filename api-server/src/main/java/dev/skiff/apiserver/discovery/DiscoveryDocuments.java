package dev.skiff.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.metrics.MetricsResource;
import dev.skiff.apiserver.review.ReviewResource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The legacy discovery documents kubectl reads to learn what the server offers: APIVersions
 * ({@code /api}), APIGroupList ({@code /apis}), APIGroup and APIResourceList. Clients that ask for
 * aggregated discovery accept these plain JSON answers too.
 */
@ApplicationScoped
public class DiscoveryDocuments {

    private static final List<String> OBJECT_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final ResourceRegistry registry;

    public DiscoveryDocuments(ResourceRegistry registry) {
        this.registry = registry;
    }

    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return doc;
    }

    public ObjectNode groupList() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (String group : registry.groups()) {
            groups.add(group(group).orElseThrow());
        }
        for (String group : ReviewResource.groups()) {
            groups.add(group(group).orElseThrow());
        }
        groups.add(group(MetricsResource.GROUP).orElseThrow());
        return doc;
    }

    public Optional<ObjectNode> group(String group) {
        List<String> versions = ReviewResource.groups().contains(group) ? List.of(ReviewResource.VERSION)
                : MetricsResource.GROUP.equals(group) ? List.of(MetricsResource.VERSION)
                : registry.all().stream().filter(t -> t.group().equals(group)).map(ResourceType::version).distinct().toList();
        if (group.isEmpty() || versions.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIGroup");
        doc.put("apiVersion", "v1");
        doc.put("name", group);
        ArrayNode list = doc.putArray("versions");
        for (String v : versions) {
            list.addObject().put("groupVersion", group + "/" + v).put("version", v);
        }
        doc.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        return Optional.of(doc);
    }

    public Optional<ObjectNode> resourceList(String group, String version) {
        List<ResourceType> types = registry.inGroupVersion(group, version);
        List<ReviewResource> reviews = ReviewResource.inGroupVersion(group, version);
        List<MetricsResource> metrics = MetricsResource.inGroupVersion(group, version);
        if (types.isEmpty() && reviews.isEmpty() && metrics.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = doc.putArray("resources");
        for (ReviewResource review : reviews) {
            ObjectNode r = resources.addObject();
            r.put("name", review.plural());
            r.put("singularName", review.kind().toLowerCase(Locale.ROOT));
            r.put("namespaced", review.namespaced());
            r.put("kind", review.kind());
            strings(r.putArray("verbs"), List.of("create"));
        }
        for (MetricsResource metric : metrics) {
            ObjectNode r = resources.addObject();
            r.put("name", metric.plural());
            r.put("singularName", "");
            r.put("namespaced", metric.namespaced());
            r.put("kind", metric.kind());
            strings(r.putArray("verbs"), List.of("get", "list"));
        }
        for (ResourceType type : types) {
            ObjectNode r = resources.addObject();
            r.put("name", type.plural());
            r.put("singularName", type.singular());
            r.put("namespaced", type.namespaced());
            r.put("kind", type.kind());
            strings(r.putArray("verbs"), OBJECT_VERBS);
            if (!type.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(r.putArray("categories"), type.categories());
            }
            for (String sub : type.subresources().stream().sorted().toList()) {
                subresource(resources.addObject(), type, sub);
            }
            if (type.kind().equals("Namespace") && type.group().isEmpty()) {
                subresource(resources.addObject(), type, "finalize");
            }
        }
        return Optional.of(doc);
    }

    private static void subresource(ObjectNode r, ResourceType type, String sub) {
        r.put("name", type.plural() + "/" + sub);
        r.put("singularName", "");
        r.put("namespaced", type.namespaced());
        switch (sub) {
            case "binding" -> {
                r.put("kind", "Binding");
                strings(r.putArray("verbs"), List.of("create"));
            }
            case "scale" -> {
                r.put("group", "autoscaling");
                r.put("version", "v1");
                r.put("kind", "Scale");
                strings(r.putArray("verbs"), List.of("get", "patch", "update"));
            }
            case "log" -> {
                r.put("kind", type.kind());
                strings(r.putArray("verbs"), List.of("get"));
            }
            case "exec" -> {
                r.put("kind", "PodExecOptions");
                strings(r.putArray("verbs"), List.of("create", "get"));
            }
            case "attach" -> {
                r.put("kind", "PodAttachOptions");
                strings(r.putArray("verbs"), List.of("create", "get"));
            }
            case "portforward" -> {
                r.put("kind", "PodPortForwardOptions");
                strings(r.putArray("verbs"), List.of("create", "get"));
            }
            case "finalize" -> {
                r.put("kind", type.kind());
                strings(r.putArray("verbs"), List.of("update"));
            }
            default -> {
                r.put("kind", type.kind());
                strings(r.putArray("verbs"), List.of("get", "patch", "update"));
            }
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
