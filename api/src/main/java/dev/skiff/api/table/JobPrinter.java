package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Kubernetes' {@code printJob}: NAME STATUS COMPLETIONS DURATION AGE; wide CONTAINERS IMAGES
 * SELECTOR. The status is the first that holds of Complete, Failed, Terminating, Suspended,
 * FailureTarget, SuccessCriteriaMet, else Running.
 */
final class JobPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", Descriptions.JOB_STATUS),
            ColumnDefinition.string("Completions", Descriptions.JOB_COMPLETIONS),
            ColumnDefinition.string("Duration", Descriptions.JOB_DURATION),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Containers", Descriptions.CONTAINERS).wide(),
            ColumnDefinition.string("Images", Descriptions.IMAGES).wide(),
            ColumnDefinition.string("Selector", Descriptions.JOB_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode job, Instant now) {
        String[] containers = Fields.containerCells(Fields.at(job, "spec", "template", "spec"));
        return List.of(Fields.str(job, "metadata", "name"), status(job), completions(job), duration(job, now),
                HumanDuration.since(Fields.time(job, "metadata", "creationTimestamp"), now),
                containers[0], containers[1], LabelSelectors.format(Fields.at(job, "spec", "selector")));
    }

    private static String status(JsonNode job) {
        if (condition(job, "Complete")) {
            return "Complete";
        }
        if (condition(job, "Failed")) {
            return "Failed";
        }
        if (Fields.present(job, "metadata", "deletionTimestamp")) {
            return "Terminating";
        }
        for (String type : List.of("Suspended", "FailureTarget", "SuccessCriteriaMet")) {
            if (condition(job, type)) {
                return type;
            }
        }
        return "Running";
    }

    private static boolean condition(JsonNode job, String type) {
        return Fields.list(job, "status", "conditions").stream()
                .anyMatch(c -> type.equals(Fields.str(c, "type")) && "True".equals(Fields.str(c, "status")));
    }

    private static String completions(JsonNode job) {
        long succeeded = Fields.integer(job, 0, "status", "succeeded");
        if (Fields.present(job, "spec", "completions")) {
            return succeeded + "/" + Fields.integer(job, 0, "spec", "completions");
        }
        long parallelism = Fields.integer(job, 0, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JsonNode job, Instant now) {
        Instant start = Fields.time(job, "status", "startTime");
        if (start == null) {
            return "";
        }
        Instant end = Fields.time(job, "status", "completionTime");
        return HumanDuration.format(Duration.between(start, end == null ? now : end));
    }
}
