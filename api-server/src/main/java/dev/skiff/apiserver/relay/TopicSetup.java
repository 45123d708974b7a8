package dev.skiff.apiserver.relay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the compacted event topics that do not exist yet. */
final class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final long RETRY_MILLIS = 100;

    private TopicSetup() {
    }

    /**
     * @param topics      topic name to its partition count
     * @param topicConfig settings of every created topic besides compaction
     */
    static void ensure(Admin admin, Map<String, Integer> topics, short replicationFactor, Map<String, String> topicConfig)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        Map<String, String> configs = new HashMap<>(topicConfig);
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        topics.forEach((name, partitions) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, partitions, replicationFactor).configs(configs));
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        awaitWritable(admin, missing);
        LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
    }

    /**
     * Waits until the leader of every partition of the new TOPICS answers for it (a read of its end
     * offset, which only the partition's leader serves). An idempotent producer whose first batch to a
     * partition meets a leader still being set up ({@code NOT_LEADER_OR_FOLLOWER}) can have its later
     * batches refused as out of sequence and retry them for ever, which stalls the relay; the metadata
     * names a leader before it is ready, so it is asked directly.
     */
    private static void awaitWritable(Admin admin, List<NewTopic> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int partition = 0; partition < topic.numPartitions(); partition++) {
                partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }
}
