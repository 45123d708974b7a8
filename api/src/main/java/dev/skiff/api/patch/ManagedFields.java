package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code metadata.managedFields}: who set which field, as server-side apply keeps it. Every write
 * records its manager (the request's {@code fieldManager}): a create or an update takes the fields
 * it set or changed from whoever had them ({@link #updated}); an apply owns exactly the fields of
 * its configuration, conflicts with other managers over fields it would change, and removes the
 * fields it applied before and no longer does, unless another manager has them too
 * ({@link #apply}).
 */
public final class ManagedFields {

    private static final String APPLY = "Apply";
    private static final String UPDATE = "Update";

    /** One manager's fields; a manager is its name, operation and subresource together. */
    private record Entry(String manager, String operation, String apiVersion, String time, String subresource, Set<FieldPath> paths) {

        boolean is(String manager, String operation, String subresource) {
            return this.manager.equals(manager) && this.operation.equals(operation) && Objects.equals(this.subresource, subresource);
        }
    }

    private ManagedFields() {
    }

    /**
     * The managed fields after MANAGER's create (OLD null) or update of the object or of its
     * SUBRESOURCE: it has every field it set or changed, which no one else has any more, and a
     * removed field is no one's. OLD's (null when it has none) when nothing changed.
     */
    public static JsonNode updated(ObjectNode old, ObjectNode updated, String kind, String manager, String subresource, Instant now) {
        boolean status = "status".equals(subresource);
        ObjectFields before = ObjectFields.of(old, kind, status);
        ObjectFields after = ObjectFields.of(updated, kind, status);
        Set<FieldPath> changed = new LinkedHashSet<>();
        after.leaves().forEach((path, value) -> {
            if (!JsonValues.equal(value, before.leaves().get(path))) {
                changed.add(path);
            }
        });
        after.items().stream().filter(item -> !before.items().contains(item)).forEach(changed::add);
        Set<FieldPath> removed = new HashSet<>(before.all());
        removed.removeAll(after.all());
        List<Entry> entries = entries(old);
        if (changed.isEmpty() && removed.isEmpty()) {
            return old == null ? null : old.path("metadata").get("managedFields");
        }
        for (Entry entry : entries) {
            entry.paths().removeAll(changed);
            entry.paths().removeAll(removed);
        }
        Entry mine = entries.stream().filter(entry -> entry.is(manager, UPDATE, subresource)).findFirst().orElse(null);
        Set<FieldPath> owned = new LinkedHashSet<>(changed);
        if (mine != null) {
            owned.addAll(mine.paths());
            entries.set(entries.indexOf(mine), new Entry(manager, UPDATE, updated.path("apiVersion").asText(), timestamp(now), subresource, owned));
        } else {
            entries.add(new Entry(manager, UPDATE, updated.path("apiVersion").asText(), timestamp(now), subresource, owned));
        }
        entries.removeIf(entry -> entry.paths().isEmpty());
        return tree(entries);
    }

    /**
     * MANAGER's apply of CONFIG to LIVE (null: the object is created): CONFIG merged into LIVE,
     * with its managed fields. A field CONFIG sets to another value than LIVE has, which another
     * manager has, is a conflict: 409 naming each, unless FORCE, which takes the field from them.
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode config, String kind, String manager, boolean force, Instant now) {
        ObjectFields applied = ObjectFields.of(config, kind, false);
        ObjectFields current = ObjectFields.of(live, kind, false);
        List<Entry> entries = entries(live);
        Entry previous = entries.stream().filter(entry -> entry.is(manager, APPLY, null)).findFirst().orElse(null);

        // by the entry's place in the list: an entry's set of paths is too big (and changes) to key a map
        Map<Integer, Set<FieldPath>> conflicts = new TreeMap<>();
        applied.leaves().forEach((path, value) -> {
            JsonNode liveValue = current.leaves().get(path);
            if (liveValue != null && !JsonValues.equal(liveValue, value)) {
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i) != previous && entries.get(i).paths().contains(path)) {
                        conflicts.computeIfAbsent(i, e -> new TreeSet<>()).add(path);
                    }
                }
            }
        });
        if (!conflicts.isEmpty() && !force) {
            throw conflict(entries, conflicts);
        }
        conflicts.forEach((i, paths) -> entries.get(i).paths().removeAll(paths));

        ObjectNode merged = ApplyMerge.merge(live, config, kind);
        if (previous != null) {
            for (FieldPath dropped : previous.paths()) {
                boolean kept = applied.contains(dropped) || entries.stream()
                        .filter(entry -> entry != previous)
                        .anyMatch(entry -> entry.paths().stream().anyMatch(path -> path.startsWith(dropped)));
                if (!kept) {
                    ApplyMerge.remove(merged, dropped);
                }
            }
        }
        Entry mine = new Entry(manager, APPLY, config.path("apiVersion").asText(), timestamp(now), null, applied.all());
        if (previous != null) {
            entries.set(entries.indexOf(previous), mine);
        } else {
            entries.add(mine);
        }
        entries.removeIf(entry -> entry.paths().isEmpty());
        ObjectNode metadata = merged.with("metadata");
        metadata.set("managedFields", tree(entries));
        return merged;
    }

    private static ApiException conflict(List<Entry> entries, Map<Integer, Set<FieldPath>> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        conflicts.forEach((i, paths) -> paths.forEach(path -> causes.add(new StatusCauseBuilder()
                .withReason("FieldManagerConflict").withMessage(owner(entries.get(i))).withField(path.toString()).build())));
        String message;
        if (causes.size() == 1) {
            message = "Apply failed with 1 conflict: " + causes.get(0).getMessage() + ": " + causes.get(0).getField();
        } else {
            message = "Apply failed with " + causes.size() + " conflicts: " + conflicts.entrySet().stream()
                    .map(e -> "conflicts with \"" + entries.get(e.getKey()).manager() + "\"" + using(entries.get(e.getKey())) + ":\n"
                            + e.getValue().stream().map(path -> "- " + path).collect(Collectors.joining("\n")))
                    .collect(Collectors.joining("\n"));
        }
        return new ApiException(409, "Conflict", message, new StatusDetailsBuilder().withCauses(causes).build());
    }

    private static String owner(Entry entry) {
        return "conflict with \"" + entry.manager() + "\"" + using(entry);
    }

    private static String using(Entry entry) {
        return (entry.subresource() == null ? "" : " with subresource \"" + entry.subresource() + "\"")
                + (entry.apiVersion().isEmpty() ? "" : " using " + entry.apiVersion());
    }

    private static List<Entry> entries(ObjectNode object) {
        List<Entry> entries = new ArrayList<>();
        if (object == null) {
            return entries;
        }
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            entries.add(new Entry(entry.path("manager").asText(""), entry.path("operation").asText(UPDATE), entry.path("apiVersion").asText(""),
                    entry.path("time").asText(""), entry.hasNonNull("subresource") ? entry.get("subresource").asText() : null,
                    FieldsV1.paths(entry.path("fieldsV1"))));
        }
        return entries;
    }

    private static ArrayNode tree(List<Entry> entries) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("manager", entry.manager());
            node.put("operation", entry.operation());
            node.put("apiVersion", entry.apiVersion());
            node.put("time", entry.time());
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", FieldsV1.tree(entry.paths()));
            if (entry.subresource() != null) {
                node.put("subresource", entry.subresource());
            }
        }
        return list;
    }

    private static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
