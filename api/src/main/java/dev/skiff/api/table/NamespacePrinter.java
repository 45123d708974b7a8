package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printNamespace}: NAME STATUS AGE (STATUS is status.phase). */
final class NamespacePrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", Descriptions.NAMESPACE_STATUS),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode ns, Instant now) {
        return List.of(Fields.str(ns, "metadata", "name"), Fields.str(ns, "status", "phase"),
                HumanDuration.since(Fields.time(ns, "metadata", "creationTimestamp"), now));
    }
}
