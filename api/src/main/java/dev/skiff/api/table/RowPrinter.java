package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Prints one kind of object as table rows, like a Kubernetes print handler run with
 * {@code GenerateOptions{Wide: true}} (the api-server always includes the wide columns; kubectl hides
 * those with priority &gt; 0 unless {@code -o wide}).
 */
interface RowPrinter {

    List<ColumnDefinition> columns();

    /**
     * The cells of one object's row, one per column: String, Long or Boolean values, as the Go
     * printer emits (string, int64, bool).
     */
    List<Object> cells(JsonNode object, Instant now);

    /** Row conditions (e.g. Completed for finished pods); none by default. */
    default List<RowCondition> conditions(JsonNode object) {
        return List.of();
    }

    /** A {@code meta.k8s.io/v1} {@code TableRowCondition}. */
    record RowCondition(String type, String status, String reason, String message) {
    }
}
