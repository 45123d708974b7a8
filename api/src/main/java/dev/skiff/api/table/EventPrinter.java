package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Kubernetes' {@code printEvent}, shared by core/v1 and events.k8s.io/v1 Events (the server converts
 * both to one internal type): LAST SEEN TYPE REASON OBJECT MESSAGE; wide SUBOBJECT SOURCE FIRST SEEN
 * COUNT NAME. Column order as the server sends it: Last Seen, Type, Reason, Object, Subobject*,
 * Source*, Message, First Seen*, Count*, Name* (* = priority 1).
 */
final class EventPrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.string("Last Seen", Descriptions.EVENT_LAST_SEEN),
            ColumnDefinition.string("Type", Descriptions.EVENT_TYPE),
            ColumnDefinition.string("Reason", Descriptions.EVENT_REASON),
            ColumnDefinition.string("Object", Descriptions.EVENT_OBJECT),
            ColumnDefinition.string("Subobject", Descriptions.EVENT_SUBOBJECT).wide(),
            ColumnDefinition.string("Source", Descriptions.EVENT_SOURCE).wide(),
            ColumnDefinition.string("Message", Descriptions.EVENT_MESSAGE),
            ColumnDefinition.string("First Seen", Descriptions.EVENT_FIRST_SEEN).wide(),
            ColumnDefinition.string("Count", Descriptions.EVENT_COUNT).wide(),
            ColumnDefinition.nameColumn().wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode ev, Instant now) {
        boolean eventsV1 = Fields.str(ev, "apiVersion").startsWith("events.k8s.io/");
        JsonNode involved = Fields.at(ev, eventsV1 ? "regarding" : "involvedObject");
        Instant first = Fields.time(ev, eventsV1 ? "deprecatedFirstTimestamp" : "firstTimestamp");
        Instant last = Fields.time(ev, eventsV1 ? "deprecatedLastTimestamp" : "lastTimestamp");
        long count = Fields.integer(ev, 0, eventsV1 ? "deprecatedCount" : "count");
        String message = Fields.str(ev, eventsV1 ? "note" : "message");
        JsonNode source = Fields.at(ev, eventsV1 ? "deprecatedSource" : "source");
        String reportingController = Fields.str(ev, eventsV1 ? "reportingController" : "reportingComponent");
        String reportingInstance = Fields.str(ev, "reportingInstance");

        String firstTimestamp = first != null ? HumanDuration.since(first, now)
                : HumanDuration.since(Fields.time(ev, "eventTime"), now);
        String lastTimestamp = last != null ? HumanDuration.since(last, now) : firstTimestamp;
        JsonNode series = Fields.at(ev, "series");
        if (Fields.present(series)) {
            lastTimestamp = HumanDuration.since(Fields.time(series, "lastObservedTime"), now);
            count = Fields.integer(series, 0, "count");
        } else if (count == 0) {
            // singleton events don't have a count set in the new API
            count = 1;
        }

        String kind = Fields.str(involved, "kind").toLowerCase(Locale.ROOT);
        String name = Fields.str(involved, "name");
        String target = name.isEmpty() ? kind : kind + "/" + name;

        String component = firstNonEmpty(Fields.str(source, "component"), reportingController);
        String instance = firstNonEmpty(Fields.str(source, "host"), reportingInstance);
        String sourceStr = instance.isEmpty() ? component : component + ", " + instance;

        return List.of(lastTimestamp, Fields.str(ev, "type"), Fields.str(ev, "reason"), target,
                Fields.str(involved, "fieldPath"), sourceStr, message.strip(), firstTimestamp, count,
                Fields.str(ev, "metadata", "name"));
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
