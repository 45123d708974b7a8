package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printServiceAccount}: NAME SECRETS AGE. */
final class ServiceAccountPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Secrets", Descriptions.SERVICE_ACCOUNT_SECRETS),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode account, Instant now) {
        return List.of(Fields.str(account, "metadata", "name"), Fields.size(account, "secrets"),
                HumanDuration.since(Fields.time(account, "metadata", "creationTimestamp"), now));
    }
}
