package dev.skiff.controllers.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceConditionsTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-01T10:00:30Z");

    private static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void remainingContentAndFinalizersAreNamedAsKubernetesNamesThem() {
        ContentDeletion result = new ContentDeletion(Map.of("pods.", 1, "replicasets.apps", 2), Map.of("example.com/hold", 2), List.of());

        List<NamespaceCondition> conditions = NamespaceConditions.after(result, List.of(), T1);

        assertThat(conditions).extracting(NamespaceCondition::getType).containsExactly(
                "NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure",
                "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining");
        NamespaceCondition remaining = find(conditions, "NamespaceContentRemaining");
        assertThat(remaining.getStatus()).isEqualTo("True");
        assertThat(remaining.getReason()).isEqualTo("SomeResourcesRemain");
        assertThat(remaining.getMessage())
                .isEqualTo("Some resources are remaining: pods. has 1 resource instances, replicasets.apps has 2 resource instances");
        assertThat(find(conditions, "NamespaceFinalizersRemaining").getMessage())
                .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances");
        assertThat(find(conditions, "NamespaceDeletionContentFailure").getStatus()).isEqualTo("False");
        assertThat(conditions).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z"));
    }

    @Test
    void failuresAreReported() {
        ContentDeletion result = new ContentDeletion(Map.of(), Map.of(), List.of("failed to delete pods.: boom", "failed to delete secrets.: bang"));

        NamespaceCondition failure = find(NamespaceConditions.after(result, List.of(), T1), "NamespaceDeletionContentFailure");

        assertThat(failure.getStatus()).isEqualTo("True");
        assertThat(failure.getReason()).isEqualTo("ContentDeletionFailed");
        assertThat(failure.getMessage())
                .isEqualTo("Failed to delete all resource types, 2 remaining: [failed to delete pods.: boom, failed to delete secrets.: bang]");
    }

    @Test
    void transitionTimesMoveOnlyWithTheStatus() {
        List<NamespaceCondition> first = NamespaceConditions.after(
                new ContentDeletion(Map.of("pods.", 1), Map.of(), List.of()), List.of(), T1);

        List<NamespaceCondition> same = NamespaceConditions.after(new ContentDeletion(Map.of("pods.", 1), Map.of(), List.of()), first, T2);
        List<NamespaceCondition> emptied = NamespaceConditions.after(new ContentDeletion(Map.of(), Map.of(), List.of()), first, T2);

        assertThat(NamespaceConditions.same(first, same)).isTrue();
        NamespaceCondition removed = find(emptied, "NamespaceContentRemaining");
        assertThat(removed.getStatus()).isEqualTo("False");
        assertThat(removed.getReason()).isEqualTo("ContentRemoved");
        assertThat(removed.getMessage()).isEqualTo("All content successfully removed");
        assertThat(removed.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:30Z");
        assertThat(find(emptied, "NamespaceDeletionDiscoveryFailure").getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
    }
}
