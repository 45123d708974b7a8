package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printSecret}: NAME TYPE DATA AGE. */
final class SecretPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Type", Descriptions.SECRET_TYPE),
            ColumnDefinition.string("Data", Descriptions.SECRET_DATA),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode secret, Instant now) {
        return List.of(Fields.str(secret, "metadata", "name"), Fields.str(secret, "type"),
                (long) Fields.size(secret, "data"),
                HumanDuration.since(Fields.time(secret, "metadata", "creationTimestamp"), now));
    }
}
