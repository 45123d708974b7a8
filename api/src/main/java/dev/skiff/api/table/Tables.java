package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Server-side printing: converts objects to a {@code meta.k8s.io/v1} {@code Table}, the response
 * kubectl asks for with {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. Columns and
 * cells follow Kubernetes' printers for the kinds Skiff serves (and the api-server's default
 * "Name"/"Created At" convertor for the rest); wide (priority 1) columns are always included, as the
 * Kubernetes api-server does, and kubectl shows them only with {@code -o wide}.
 *
 * <p>The response content type for such a table is
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io}.
 */
public final class Tables {

    /** includeObject values (metav1.IncludeObjectPolicy). */
    public static final String INCLUDE_NONE = "None";
    public static final String INCLUDE_METADATA = "Metadata";
    public static final String INCLUDE_OBJECT = "Object";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Map<String, RowPrinter> PRINTERS = Map.ofEntries(
            Map.entry("Pod", new PodPrinter()),
            Map.entry("Node", new NodePrinter()),
            Map.entry("Namespace", new NamespacePrinter()),
            Map.entry("Deployment", new DeploymentPrinter()),
            Map.entry("ReplicaSet", new ReplicaSetPrinter()),
            Map.entry("DaemonSet", new DaemonSetPrinter()),
            Map.entry("ControllerRevision", new ControllerRevisionPrinter()),
            Map.entry("Job", new JobPrinter()),
            Map.entry("CronJob", new CronJobPrinter()),
            Map.entry("Service", new ServicePrinter()),
            Map.entry("Endpoints", new EndpointsPrinter()),
            Map.entry("ConfigMap", new ConfigMapPrinter()),
            Map.entry("Secret", new SecretPrinter()),
            Map.entry("ServiceAccount", new ServiceAccountPrinter()),
            Map.entry("Event", new EventPrinter()),
            Map.entry("Lease", new LeasePrinter()));

    private Tables() {
    }

    /**
     * Renders a Table with column definitions.
     *
     * @param kind            the kind of the items, e.g. "Pod" (unknown kinds get the default columns)
     * @param items           the objects, one row each, in order
     * @param resourceVersion the list's (or single object's) resourceVersion for the Table's metadata; null/"" to omit
     * @param continueToken   the list's continue token; null/"" to omit
     * @param includeObject   "None", "Metadata" (default when null/"") or "Object": what each row's
     *                        {@code object} holds: null, a PartialObjectMetadata, or the full object
     * @param now             the time AGE columns are computed against
     * @throws ApiException 400 BadRequest for an unsupported includeObject value
     */
    public static ObjectNode render(String kind, List<? extends HasMetadata> items, String resourceVersion,
            String continueToken, String includeObject, Instant now) {
        return render(kind, items, resourceVersion, continueToken, includeObject, now, false);
    }

    /**
     * As {@link #render(String, List, String, String, String, Instant)}; with {@code noHeaders} the
     * {@code columnDefinitions} are left out, as the api-server does for every watch event after the
     * first (kubectl reuses the columns it already has).
     */
    public static ObjectNode render(String kind, List<? extends HasMetadata> items, String resourceVersion,
            String continueToken, String includeObject, Instant now, boolean noHeaders) {
        String include = validateIncludeObject(includeObject);
        RowPrinter printer = printerFor(kind);

        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            meta.put("continue", continueToken);
        }
        if (!noHeaders) {
            ArrayNode defs = table.putArray("columnDefinitions");
            for (ColumnDefinition c : printer.columns()) {
                defs.add(Json.MAPPER.<ObjectNode>valueToTree(c));
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (HasMetadata item : items) {
            JsonNode obj = Json.MAPPER.valueToTree(item);
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(obj, now)) {
                cells.add(Json.MAPPER.<JsonNode>valueToTree(cell));
            }
            List<RowPrinter.RowCondition> conditions = printer.conditions(obj);
            if (!conditions.isEmpty()) {
                ArrayNode cs = row.putArray("conditions");
                conditions.forEach(c -> cs.add(Json.MAPPER.<JsonNode>valueToTree(c)));
            }
            switch (include) {
                case INCLUDE_NONE -> row.putNull("object");
                case INCLUDE_OBJECT -> row.set("object", obj);
                default -> row.set("object", partialObjectMetadata(obj));
            }
        }
        return table;
    }

    /** The column definitions for a kind (the default "Name", "Created At" for kinds without a printer). */
    public static List<ColumnDefinition> columns(String kind) {
        return printerFor(kind).columns();
    }

    /** True if the kind has its own printer rather than the default Name / Created At columns. */
    public static boolean hasPrinter(String kind) {
        return PRINTERS.containsKey(kind);
    }

    /**
     * Validates a request's {@code includeObject} parameter as Kubernetes does, returning the policy
     * ("Metadata" for null or "").
     *
     * @throws ApiException 400 BadRequest for any other value
     */
    public static String validateIncludeObject(String includeObject) {
        if (includeObject == null || includeObject.isEmpty()) {
            return INCLUDE_METADATA;
        }
        return switch (includeObject) {
            case INCLUDE_NONE, INCLUDE_METADATA, INCLUDE_OBJECT -> includeObject;
            default -> throw ApiException.badRequest(FieldError.notSupported("includeObject", includeObject,
                    List.of("", INCLUDE_METADATA, INCLUDE_NONE, INCLUDE_OBJECT)).toString());
        };
    }

    private static RowPrinter printerFor(String kind) {
        return PRINTERS.getOrDefault(kind, DefaultPrinter.INSTANCE);
    }

    /** {@code {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{...}}}. */
    private static ObjectNode partialObjectMetadata(JsonNode obj) {
        ObjectNode p = NODES.objectNode();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        JsonNode md = obj.get("metadata");
        p.set("metadata", md == null || md.isNull() ? NODES.objectNode() : md.deepCopy());
        return p;
    }
}
