package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printConfigMap}: NAME DATA AGE (DATA counts data and binaryData keys). */
final class ConfigMapPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Data", Descriptions.CONFIGMAP_DATA),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode cm, Instant now) {
        long data = Fields.size(cm, "data") + Fields.size(cm, "binaryData");
        return List.of(Fields.str(cm, "metadata", "name"), data,
                HumanDuration.since(Fields.time(cm, "metadata", "creationTimestamp"), now));
    }
}
