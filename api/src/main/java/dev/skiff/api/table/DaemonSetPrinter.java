package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Kubernetes' {@code printDaemonSet}: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR
 * AGE; wide CONTAINERS IMAGES SELECTOR.
 */
final class DaemonSetPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Desired", Descriptions.DAEMONSET_DESIRED),
            ColumnDefinition.integer("Current", Descriptions.DAEMONSET_CURRENT),
            ColumnDefinition.integer("Ready", Descriptions.DAEMONSET_READY),
            ColumnDefinition.integer("Up-to-date", Descriptions.DAEMONSET_UPDATED),
            ColumnDefinition.integer("Available", Descriptions.DAEMONSET_AVAILABLE),
            ColumnDefinition.string("Node Selector", Descriptions.DAEMONSET_NODE_SELECTOR),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Containers", Descriptions.CONTAINERS).wide(),
            ColumnDefinition.string("Images", Descriptions.IMAGES).wide(),
            ColumnDefinition.string("Selector", Descriptions.DAEMONSET_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode ds, Instant now) {
        String[] containers = Fields.containerCells(Fields.at(ds, "spec", "template", "spec"));
        return List.of(Fields.str(ds, "metadata", "name"),
                Fields.integer(ds, 0, "status", "desiredNumberScheduled"),
                Fields.integer(ds, 0, "status", "currentNumberScheduled"),
                Fields.integer(ds, 0, "status", "numberReady"),
                Fields.integer(ds, 0, "status", "updatedNumberScheduled"),
                Fields.integer(ds, 0, "status", "numberAvailable"),
                Fields.formatLabels(Fields.map(ds, "spec", "template", "spec", "nodeSelector")),
                HumanDuration.since(Fields.time(ds, "metadata", "creationTimestamp"), now),
                containers[0], containers[1], LabelSelectors.format(Fields.at(ds, "spec", "selector")));
    }
}
