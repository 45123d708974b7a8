package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printLease}: NAME HOLDER AGE. */
final class LeasePrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Holder", Descriptions.LEASE_HOLDER),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode lease, Instant now) {
        return List.of(Fields.str(lease, "metadata", "name"), Fields.str(lease, "spec", "holderIdentity"),
                HumanDuration.since(Fields.time(lease, "metadata", "creationTimestamp"), now));
    }
}
