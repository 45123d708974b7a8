package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Kubernetes' {@code printDeployment}: NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES
 * SELECTOR. READY is "ready/desired"; the selector is "" when empty and {@code <invalid>} when it
 * cannot be parsed (unlike ReplicaSet's {@code <none>}).
 */
final class DeploymentPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Ready", Descriptions.DEPLOYMENT_READY),
            ColumnDefinition.string("Up-to-date", Descriptions.DEPLOYMENT_UPDATED),
            ColumnDefinition.string("Available", Descriptions.DEPLOYMENT_AVAILABLE),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Containers", Descriptions.CONTAINERS).wide(),
            ColumnDefinition.string("Images", Descriptions.IMAGES).wide(),
            ColumnDefinition.string("Selector", Descriptions.DEPLOYMENT_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode d, Instant now) {
        long desired = Fields.integer(d, 1, "spec", "replicas"); // apps/v1 defaults replicas to 1
        long ready = Fields.integer(d, 0, "status", "readyReplicas");
        String selector;
        try {
            selector = LabelSelectors.toSelectorString(Fields.at(d, "spec", "selector"));
        } catch (LabelSelectors.InvalidSelector e) {
            selector = "<invalid>";
        }
        String[] containers = Fields.containerCells(Fields.at(d, "spec", "template", "spec"));
        return List.of(Fields.str(d, "metadata", "name"), ready + "/" + desired,
                Fields.integer(d, 0, "status", "updatedReplicas"),
                Fields.integer(d, 0, "status", "availableReplicas"),
                HumanDuration.since(Fields.time(d, "metadata", "creationTimestamp"), now),
                containers[0], containers[1], selector);
    }
}
