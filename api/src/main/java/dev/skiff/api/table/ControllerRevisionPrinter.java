package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Kubernetes' {@code printControllerRevision}: NAME CONTROLLER REVISION AGE, the controller as
 * {@code daemonset.apps/agent} (or {@code <none>}).
 */
final class ControllerRevisionPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Controller", Descriptions.REVISION_CONTROLLER),
            ColumnDefinition.integer("Revision", Descriptions.REVISION_NUMBER),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode revision, Instant now) {
        String controller = "<none>";
        for (JsonNode ref : Fields.list(revision, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                String apiVersion = ref.path("apiVersion").asText("");
                String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                controller = (ref.path("kind").asText("") + group).toLowerCase() + "/" + ref.path("name").asText("");
            }
        }
        return List.of(Fields.str(revision, "metadata", "name"), controller, Fields.integer(revision, 0, "revision"),
                HumanDuration.since(Fields.time(revision, "metadata", "creationTimestamp"), now));
    }
}
