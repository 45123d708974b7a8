package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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

    /** One manager's entry, edited in place: a manager is its name, operation and subresource together. */
    private record Entry(ObjectNode node) {

        static Entry of(String manager, String operation, String apiVersion, String subresource, ObjectNode fields, Instant now) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("manager", manager);
            node.put("operation", operation);
            node.put("apiVersion", apiVersion);
            node.put("time", timestamp(now));
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", fields);
            if (subresource != null) {
                node.put("subresource", subresource);
            }
            return new Entry(node);
        }

        String manager() {
            return node.path("manager").asText("");
        }

        String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        String subresource() {
            return node.hasNonNull("subresource") ? node.get("subresource").asText() : null;
        }

        boolean is(String manager, String operation, String subresource) {
            return manager().equals(manager) && node.path("operation").asText(UPDATE).equals(operation)
                    && Objects.equals(subresource(), subresource);
        }

        /** The set of paths it has, as a tree. */
        ObjectNode fields() {
            return node.get("fieldsV1") instanceof ObjectNode fields ? fields : node.putObject("fieldsV1");
        }

        void removeAll(Collection<FieldPath> paths) {
            ObjectNode fields = fields();
            for (FieldPath path : paths) {
                FieldsV1.remove(fields, path);
            }
        }

        /** Now as written by this request. */
        void touch(String apiVersion, Instant now) {
            node.put("apiVersion", apiVersion);
            node.put("time", timestamp(now));
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
        FieldChanges changes = FieldChanges.between(old, updated, kind, "status".equals(subresource));
        if (changes.isEmpty()) {
            return old == null ? null : old.path("metadata").get("managedFields");
        }
        List<Entry> entries = entries(old);
        for (Entry entry : entries) {
            entry.removeAll(changes.added());
            entry.removeAll(changes.modified());
            entry.removeAll(changes.removed());
        }
        String apiVersion = updated.path("apiVersion").asText();
        Entry mine = entries.stream().filter(entry -> entry.is(manager, UPDATE, subresource)).findFirst().orElse(null);
        if (mine == null) {
            mine = Entry.of(manager, UPDATE, apiVersion, subresource, Json.MAPPER.createObjectNode(), now);
            entries.add(mine);
        } else {
            mine.touch(apiVersion, now);
        }
        ObjectNode owned = mine.fields();
        changes.added().forEach(path -> FieldsV1.add(owned, path));
        changes.modified().forEach(path -> FieldsV1.add(owned, path));
        return list(entries);
    }

    /**
     * MANAGED_FIELDS (null: none) as fabric8's entries, for a typed object; each field set stays the
     * JSON tree it is, which the object serializes as it is.
     */
    public static List<ManagedFieldsEntry> typed(JsonNode managedFields) {
        if (managedFields == null) {
            return null;
        }
        List<ManagedFieldsEntry> typed = new ArrayList<>(managedFields.size());
        for (JsonNode entry : managedFields) {
            io.fabric8.kubernetes.api.model.FieldsV1 fields = new io.fabric8.kubernetes.api.model.FieldsV1();
            entry.path("fieldsV1").properties().forEach(field -> fields.setAdditionalProperty(field.getKey(), field.getValue()));
            typed.add(new ManagedFieldsEntryBuilder().withManager(entry.path("manager").textValue())
                    .withOperation(entry.path("operation").textValue()).withApiVersion(entry.path("apiVersion").textValue())
                    .withTime(entry.path("time").textValue()).withFieldsType(entry.path("fieldsType").textValue())
                    .withFieldsV1(fields).withSubresource(entry.path("subresource").textValue()).build());
        }
        return typed;
    }

    /**
     * MANAGER's apply of CONFIG to LIVE (null: the object is created): CONFIG merged into LIVE,
     * with its managed fields. A field CONFIG sets to another value than LIVE has, which another
     * manager has, is a conflict: 409 naming each, unless FORCE, which takes the field from them.
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode config, String kind, String manager, boolean force, Instant now) {
        List<FieldPath> applied = FieldChanges.of(config, kind, false);
        List<Entry> entries = entries(live);
        Entry previous = entries.stream().filter(entry -> entry.is(manager, APPLY, null)).findFirst().orElse(null);

        // by the entry's place in the list: an entry's set of paths is too big (and changes) to key a map
        Map<Integer, Set<FieldPath>> conflicts = new TreeMap<>();
        for (FieldPath path : FieldChanges.between(live, config, kind, false).modified()) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) != previous && FieldsV1.contains(entries.get(i).fields(), path)) {
                    conflicts.computeIfAbsent(i, e -> new TreeSet<>()).add(path);
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw conflict(entries, conflicts);
        }
        conflicts.forEach((i, paths) -> entries.get(i).removeAll(paths));

        ObjectNode merged = ApplyMerge.merge(live, config, kind);
        if (previous != null) {
            Set<FieldPath> stillApplied = new HashSet<>(applied);
            for (FieldPath dropped : FieldsV1.paths(previous.fields())) {
                boolean kept = stillApplied.contains(dropped) || entries.stream()
                        .anyMatch(entry -> entry != previous && FieldsV1.containsOrUnder(entry.fields(), dropped));
                if (!kept) {
                    ApplyMerge.remove(merged, dropped);
                }
            }
        }
        Entry mine = Entry.of(manager, APPLY, config.path("apiVersion").asText(), null, FieldsV1.tree(applied), now);
        if (previous != null) {
            entries.set(entries.indexOf(previous), mine);
        } else {
            entries.add(mine);
        }
        merged.with("metadata").set("managedFields", list(entries));
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

    /** OBJECT's entries, copied to be edited. */
    private static List<Entry> entries(ObjectNode object) {
        List<Entry> entries = new ArrayList<>();
        if (object != null) {
            for (JsonNode entry : object.path("metadata").path("managedFields")) {
                if (entry instanceof ObjectNode node) {
                    entries.add(new Entry(node.deepCopy()));
                }
            }
        }
        return entries;
    }

    /** The entries that still have fields. */
    private static ArrayNode list(List<Entry> entries) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Entry entry : entries) {
            if (!entry.fields().isEmpty()) {
                list.add(entry.node());
            }
        }
        return list;
    }

    private static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
