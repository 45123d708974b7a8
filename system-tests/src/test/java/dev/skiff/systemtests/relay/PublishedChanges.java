package dev.skiff.systemtests.relay;

import dev.skiff.systemtests.harness.Change;
import dev.skiff.systemtests.harness.Cluster;
import dev.skiff.systemtests.harness.EventLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the relay promises about the changes it publishes, checked against what was committed. */
final class PublishedChanges {

    private static final System.Logger LOG = System.getLogger(PublishedChanges.class.getName());
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(60);

    private PublishedChanges() {
    }

    /**
     * Waits until the ConfigMaps' topic carries every committed change, then checks that, de-duplicated
     * by resourceVersion as consumers do, it carries each exactly once with its event type, in commit
     * (= increasing resourceVersion) order per object, each delete followed by its tombstone, and no
     * change that was not committed.
     *
     * @param committed every ConfigMap change committed since the store was created, in commit order
     */
    static void assertEachPublishedOnceInOrder(Cluster cluster, List<Change> committed) {
        Map<String, List<Change>> expected = committed.stream()
                .collect(Collectors.groupingBy(Change::key, TreeMap::new, Collectors.toList()));
        try (EventLog topic = cluster.configMapEvents()) {
            await("every committed change on " + Cluster.CONFIGMAPS_TOPIC).atMost(CATCH_UP_DEADLINE)
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        topic.poll();
                        assertThat(absent(committed, published(topic))).as("committed changes not on the topic").isEmpty();
                    });
            topic.readToEnd();

            List<Change> published = published(topic);
            assertThat(absent(published, committed)).as("changes on the topic that were never committed").isEmpty();
            Map<String, List<Change>> byKey = topic.changesByKey();
            for (Map.Entry<String, List<Change>> object : expected.entrySet()) {
                assertThat(byKey.get(object.getKey())).as("changes of %s in topic order", object.getKey())
                        .containsExactlyElementsOf(object.getValue());
            }
            Map<String, Set<Long>> tombstones = topic.tombstonesByKey();
            for (Change change : committed) {
                if (change.type().equals("DELETED")) {
                    assertThat(tombstones.getOrDefault(change.key(), Set.of()))
                            .as("tombstones of %s", change.key()).contains(change.resourceVersion());
                }
            }
            long records = topic.events().stream().filter(e -> !e.tombstone()).count();
            LOG.log(System.Logger.Level.INFO, "{0} changes committed, {1} records published, {2} of them repeats",
                    Integer.toString(committed.size()), Long.toString(records), Long.toString(records - published.size()));
        }
    }

    /** The changes of {@code these} that are not among {@code those}. */
    private static List<Change> absent(List<Change> these, List<Change> those) {
        Set<Change> present = new HashSet<>(those);
        return these.stream().filter(change -> !present.contains(change)).toList();
    }

    private static List<Change> published(EventLog topic) {
        List<Change> all = new ArrayList<>();
        topic.changesByKey().values().forEach(all::addAll);
        return all;
    }
}
