package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printReplicaSet}: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR. */
final class ReplicaSetPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Desired", Descriptions.REPLICASET_DESIRED),
            ColumnDefinition.integer("Current", Descriptions.REPLICASET_CURRENT),
            ColumnDefinition.integer("Ready", Descriptions.REPLICASET_READY),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Containers", Descriptions.CONTAINERS).wide(),
            ColumnDefinition.string("Images", Descriptions.IMAGES).wide(),
            ColumnDefinition.string("Selector", Descriptions.REPLICASET_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode rs, Instant now) {
        String[] containers = Fields.containerCells(Fields.at(rs, "spec", "template", "spec"));
        return List.of(Fields.str(rs, "metadata", "name"),
                Fields.integer(rs, 1, "spec", "replicas"), // apps/v1 defaults replicas to 1
                Fields.integer(rs, 0, "status", "replicas"),
                Fields.integer(rs, 0, "status", "readyReplicas"),
                HumanDuration.since(Fields.time(rs, "metadata", "creationTimestamp"), now),
                containers[0], containers[1], LabelSelectors.format(Fields.at(rs, "spec", "selector")));
    }
}
