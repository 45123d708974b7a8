package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The api-server's default table convertor (k8s.io/apiserver/pkg/registry/rest/table.go), used for
 * every type without its own printer: "Name" and "Created At", the latter the RFC 3339 UTC creation
 * time (a "date" column, which kubectl prints as is).
 */
final class DefaultPrinter implements RowPrinter {

    static final DefaultPrinter INSTANCE = new DefaultPrinter();

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            new ColumnDefinition("Created At", "date", "", Descriptions.CREATION_TIMESTAMP, 0));

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        Instant created = Fields.time(object, "metadata", "creationTimestamp");
        // Go formats the zero time as 0001-01-01T00:00:00Z.
        String createdAt = created == null ? "0001-01-01T00:00:00Z"
                : RFC3339.format(created.truncatedTo(ChronoUnit.SECONDS));
        return List.of(Fields.str(object, "metadata", "name"), createdAt);
    }
}
