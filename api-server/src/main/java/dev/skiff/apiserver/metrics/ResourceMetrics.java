package dev.skiff.apiserver.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.kubelet.KubeletEndpoint;
import dev.skiff.apiserver.registry.ObjectFilter;
import dev.skiff.apiserver.registry.ResourceLister;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The NodeMetrics and PodMetrics that {@code kubectl top} reads, made when asked from the stored
 * nodes and pods (for names, labels and selectors) and their kubelets' resource summaries (for the
 * usage): CPU in nanocores over the kubelet's last sampling interval, memory as the working set.
 * A node or pod whose kubelet has no rate yet (it needs two samples) or does not answer has no
 * metrics: it is left out of lists, and getting it is 404, as with metrics-server.
 */
@ApplicationScoped
public class ResourceMetrics {

    private final ResourceType nodes;
    private final ResourceType pods;
    private final ResourceLister lister;
    private final KubeletSummaries summaries;

    public ResourceMetrics(ResourceRegistry registry, ResourceLister lister, KubeletSummaries summaries) {
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.lister = lister;
        this.summaries = summaries;
    }

    /** The metrics of the nodes or pods (in NAMESPACE, or all for null) that the selectors select, as a list. */
    public ObjectNode list(MetricsResource resource, String namespace, String labelSelector, String fieldSelector) {
        ResourceType type = resource == MetricsResource.NODES ? nodes : pods;
        List<ObjectNode> objects = lister.list(type, namespace, ObjectFilter.parse(type, labelSelector, fieldSelector), 0, null).objects();
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", resource.kind() + "List");
        list.put("apiVersion", MetricsResource.GROUP + "/" + MetricsResource.VERSION);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        (resource == MetricsResource.NODES ? nodeMetrics(objects) : podMetrics(objects)).forEach(items::add);
        return list;
    }

    /** The metrics of one node or pod; 404 when it does not exist or has none. */
    public ObjectNode get(MetricsResource resource, String namespace, String name) {
        ResourceType type = resource == MetricsResource.NODES ? nodes : pods;
        List<ObjectNode> objects = lister.list(type, namespace, ObjectFilter.parse(type, null, "metadata.name=" + name), 0, null).objects();
        List<ObjectNode> metrics = resource == MetricsResource.NODES ? nodeMetrics(objects) : podMetrics(objects);
        if (metrics.isEmpty()) {
            throw ApiException.notFound(MetricsResource.GROUP, resource.kind().toLowerCase(), name);
        }
        return metrics.get(0);
    }

    private List<ObjectNode> nodeMetrics(List<ObjectNode> nodeObjects) {
        Map<String, JsonNode> byNode = summaries.read(endpoints(nodeObjects));
        List<ObjectNode> metrics = new ArrayList<>();
        for (ObjectNode node : nodeObjects) {
            JsonNode summary = byNode.get(node.path("metadata").path("name").asText());
            if (summary == null || !hasRate(summary.path("node"))) {
                continue;
            }
            ObjectNode item = item(MetricsResource.NODES, node, summary.path("node").path("cpu").path("time"));
            usage(item.putObject("usage"), summary.path("node"));
            metrics.add(item);
        }
        return metrics;
    }

    private List<ObjectNode> podMetrics(List<ObjectNode> podObjects) {
        Set<String> nodeNames = podObjects.stream().map(pod -> pod.path("spec").path("nodeName").asText(""))
                .filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        List<ObjectNode> hosts = lister.list(nodes, null, ObjectFilter.parse(nodes, null, null), 0, null).objects().stream()
                .filter(node -> nodeNames.contains(node.path("metadata").path("name").asText())).toList();
        Map<String, JsonNode> byNode = summaries.read(endpoints(hosts));
        List<ObjectNode> metrics = new ArrayList<>();
        for (ObjectNode pod : podObjects) {
            JsonNode summary = byNode.get(pod.path("spec").path("nodeName").asText(""));
            Optional<JsonNode> stats = summary == null ? Optional.empty() : statsOf(summary, pod);
            if (stats.isEmpty()) {
                continue;
            }
            ArrayNode containers = Json.MAPPER.createArrayNode();
            JsonNode time = null;
            for (JsonNode container : stats.get().path("containers")) {
                if (hasRate(container)) {
                    usage(containers.addObject().put("name", container.path("name").asText()).putObject("usage"), container);
                    time = container.path("cpu").path("time");
                }
            }
            if (!containers.isEmpty()) {
                ObjectNode item = item(MetricsResource.PODS, pod, time);
                item.set("containers", containers);
                metrics.add(item);
            }
        }
        return metrics;
    }

    /** The pod's entry in its kubelet's summary (the same name, namespace and uid). */
    private static Optional<JsonNode> statsOf(JsonNode summary, ObjectNode pod) {
        JsonNode metadata = pod.path("metadata");
        for (JsonNode stats : summary.path("pods")) {
            JsonNode ref = stats.path("podRef");
            if (ref.path("name").asText().equals(metadata.path("name").asText())
                    && ref.path("namespace").asText().equals(metadata.path("namespace").asText())
                    && ref.path("uid").asText().equals(metadata.path("uid").asText())) {
                return Optional.of(stats);
            }
        }
        return Optional.empty();
    }

    /** The kubelets of the nodes that report one; a node without its endpoint yet has no metrics. */
    private static Collection<KubeletEndpoint> endpoints(List<ObjectNode> nodeObjects) {
        Map<String, KubeletEndpoint> endpoints = new LinkedHashMap<>();
        for (ObjectNode node : nodeObjects) {
            try {
                KubeletEndpoint endpoint = KubeletEndpoint.of(node);
                endpoints.put(endpoint.node(), endpoint);
            } catch (ApiException e) {
                // no address or port reported yet
            }
        }
        return endpoints.values();
    }

    private static boolean hasRate(JsonNode stats) {
        return stats.path("cpu").has("usageNanoCores") && stats.path("memory").has("workingSetBytes");
    }

    private static ObjectNode item(MetricsResource resource, ObjectNode object, JsonNode time) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("kind", resource.kind());
        item.put("apiVersion", MetricsResource.GROUP + "/" + MetricsResource.VERSION);
        ObjectNode metadata = item.putObject("metadata");
        JsonNode source = object.path("metadata");
        metadata.put("name", source.path("name").asText());
        if (source.has("namespace")) {
            metadata.put("namespace", source.path("namespace").asText());
        }
        metadata.put("creationTimestamp", source.path("creationTimestamp").asText());
        if (source.has("labels")) {
            metadata.set("labels", source.path("labels").deepCopy());
        }
        if (time != null && time.isTextual()) {
            item.put("timestamp", time.asText());
        }
        return item;
    }

    /** CPU in nanocores ({@code 1500000n}), memory in bytes, in Ki when whole ({@code 2048Ki}), as metrics-server writes them. */
    private static void usage(ObjectNode usage, JsonNode stats) {
        usage.put("cpu", stats.path("cpu").path("usageNanoCores").asLong() + "n");
        long bytes = stats.path("memory").path("workingSetBytes").asLong();
        usage.put("memory", bytes % 1024 == 0 ? (bytes / 1024) + "Ki" : Long.toString(bytes));
    }
}
