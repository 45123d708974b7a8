package dev.skiff.controllers.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status conditions of a terminating namespace, as Kubernetes' namespace controller writes
 * them after each pass: all five types, in its order, each True with a reason and message saying
 * what is wrong or False with its "all is well" reason; a condition keeps its
 * lastTransitionTime while its status does not change.
 */
final class NamespaceConditions {

    static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
    static final String GROUP_VERSION_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
    static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    private NamespaceConditions() {
    }

    /** The conditions after a pass that found {@code result}, given the namespace's current ones. */
    static List<NamespaceCondition> after(ContentDeletion result, List<NamespaceCondition> current, Instant now) {
        List<NamespaceCondition> wanted = List.of(
                condition(DISCOVERY_FAILURE, false, "ResourcesDiscovered", "All resources successfully discovered"),
                condition(GROUP_VERSION_PARSING_FAILURE, false, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
                result.errors().isEmpty()
                        ? condition(CONTENT_FAILURE, false, "ContentDeleted", "All content successfully deleted, may be waiting on finalization")
                        : condition(CONTENT_FAILURE, true, "ContentDeletionFailed", "Failed to delete all resource types, "
                                + result.errors().size() + " remaining: " + aggregate(result.errors())),
                result.remaining().isEmpty()
                        ? condition(CONTENT_REMAINING, false, "ContentRemoved", "All content successfully removed")
                        : condition(CONTENT_REMAINING, true, "SomeResourcesRemain", "Some resources are remaining: "
                                + counted(result.remaining(), " has %d resource instances")),
                result.finalizers().isEmpty()
                        ? condition(FINALIZERS_REMAINING, false, "ContentHasNoFinalizers", "All content-preserving finalizers finished")
                        : condition(FINALIZERS_REMAINING, true, "SomeFinalizersRemain",
                                "Some content in the namespace has finalizers remaining: "
                                        + counted(result.finalizers(), " in %d resource instances")));
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        List<NamespaceCondition> next = new ArrayList<>();
        for (NamespaceCondition condition : wanted) {
            NamespaceCondition old = find(current, condition.getType());
            condition.setLastTransitionTime(old != null && Objects.equals(old.getStatus(), condition.getStatus())
                    ? old.getLastTransitionTime() : timestamp);
            next.add(condition);
        }
        return next;
    }

    /** True if the two lists are equal, an absent list being an empty one. */
    static boolean same(List<NamespaceCondition> a, List<NamespaceCondition> b) {
        return Objects.requireNonNullElse(a, List.of()).equals(Objects.requireNonNullElse(b, List.of()));
    }

    private static NamespaceCondition condition(String type, boolean status, String reason, String message) {
        return new NamespaceConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason).withMessage(message).build();
    }

    private static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** {@code a has 1 resource instances, b has 2 resource instances}, sorted as Kubernetes sorts them. */
    private static String counted(Map<String, Integer> counts, String format) {
        return String.join(", ", counts.entrySet().stream()
                .map(e -> e.getKey() + String.format(format, e.getValue()))
                .sorted()
                .toList());
    }

    /** Several errors as Kubernetes' aggregate error prints them: one alone, more in brackets. */
    private static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }
}
