package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Kubernetes' {@code printCronJob}: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE; wide CONTAINERS IMAGES SELECTOR. */
final class CronJobPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Schedule", Descriptions.CRONJOB_SCHEDULE),
            ColumnDefinition.string("Timezone", Descriptions.CRONJOB_TIMEZONE),
            ColumnDefinition.string("Suspend", Descriptions.CRONJOB_SUSPEND),
            ColumnDefinition.integer("Active", Descriptions.CRONJOB_ACTIVE),
            ColumnDefinition.string("Last Schedule", Descriptions.CRONJOB_LAST_SCHEDULE),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Containers", Descriptions.CONTAINERS).wide(),
            ColumnDefinition.string("Images", Descriptions.IMAGES).wide(),
            ColumnDefinition.string("Selector", Descriptions.JOB_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode cronJob, Instant now) {
        JsonNode jobSpec = Fields.at(cronJob, "spec", "jobTemplate", "spec");
        String[] containers = Fields.containerCells(Fields.at(jobSpec, "template", "spec"));
        Instant lastSchedule = Fields.time(cronJob, "status", "lastScheduleTime");
        return List.of(Fields.str(cronJob, "metadata", "name"),
                Fields.str(cronJob, "spec", "schedule"),
                Fields.present(cronJob, "spec", "timeZone") ? Fields.str(cronJob, "spec", "timeZone") : "<none>",
                Fields.present(cronJob, "spec", "suspend") ? (Fields.bool(cronJob, "spec", "suspend") ? "True" : "False") : "<unset>",
                (long) Fields.list(cronJob, "status", "active").size(),
                lastSchedule == null ? "<none>" : HumanDuration.since(lastSchedule, now),
                HumanDuration.since(Fields.time(cronJob, "metadata", "creationTimestamp"), now),
                containers[0], containers[1], LabelSelectors.format(Fields.at(jobSpec, "selector")));
    }
}
