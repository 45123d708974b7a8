package dev.skiff.apiserver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The api-server's settings, under {@code skiff.*}. Every one is documented in the README. */
@ConfigMapping(prefix = "skiff")
public interface SkiffConfig {

    StoreConfig store();

    ApiConfig api();

    KafkaConfig kafka();

    RelayConfig relay();

    interface KafkaConfig {
        /** Kafka brokers the relay publishes to ({@code host:port,…}); unset: no relay (single-machine mode). */
        Optional<String> bootstrapServers();

        /** First part of every topic name, so several clusters can share one Kafka. */
        @WithDefault("skiff")
        String topicPrefix();

        /** Partitions of each per-resource topic (ordering is per object, so any count keeps it). */
        @WithDefault("6")
        int partitions();

        /** Partitions of the pods-by-node topic; a kubelet reads the one its node name hashes to. */
        @WithDefault("128")
        int podsByNodePartitions();

        /** Replication factor of the topics Skiff creates. */
        @WithDefault("1")
        short replicationFactor();

        /**
         * Extra settings of the topics Skiff creates, on top of {@code cleanup.policy=compact}, e.g.
         * {@code skiff.kafka.topic-config."delete.retention.ms"=3600000} (how long tombstones stay).
         */
        Map<String, String> topicConfig();

        /** Extra Kafka client properties, e.g. {@code skiff.kafka.client."security.protocol"=SSL}. */
        Map<String, String> client();
    }

    interface RelayConfig {
        /** How long the relay's leadership survives without renewal; a standby takes over after it. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How often the relay records how far Kafka has acknowledged. */
        @WithDefault("200ms")
        Duration checkpointInterval();

        /** First wait before retrying after Kafka or the store failed; it doubles up to a minute. */
        @WithDefault("1s")
        Duration retryBackoff();

        /**
         * How long Kafka may leave the relay's records unacknowledged before health reports the relay
         * stalled (Kafka unreachable or overloaded); the records are retried meanwhile.
         */
        @WithDefault("5s")
        Duration stallTimeout();
    }

    interface StoreConfig {
        /** {@code embedded} (single machine) or {@code etcd}. */
        @WithDefault("embedded")
        Backend backend();

        EtcdConfig etcd();

        EmbeddedConfig embedded();

        /**
         * How often history is compacted, as Kubernetes' api-server does: each time, to the
         * revision seen at the previous run, so watchers always have at least one interval to
         * catch up. 0 turns compaction off.
         */
        @WithDefault("5m")
        Duration compactionInterval();
    }

    enum Backend { EMBEDDED, ETCD }

    interface EtcdConfig {
        /** Client URLs of the etcd members. */
        @WithDefault("http://127.0.0.1:2379")
        List<String> endpoints();

        /** Deadline of one etcd call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface EmbeddedConfig {
        /** Directory of the embedded store's database. */
        @WithDefault("${skiff.home:.skiff}/data")
        String dir();
    }

    interface ApiConfig {
        /** Largest request body accepted, in bytes (Kubernetes: 3 MiB). */
        @WithDefault("3145728")
        long maxRequestBytes();

        WatchConfig watch();

        KubeletConfig kubelet();

        AdmissionConfig admission();
    }

    /**
     * Kubernetes' DefaultTolerationSeconds admission: how long a pod stays on a node that is not
     * ready or unreachable before the taint eviction controller deletes it, unless it says otherwise.
     */
    interface AdmissionConfig {
        /** tolerationSeconds of the {@code node.kubernetes.io/not-ready:NoExecute} toleration added to new pods (Kubernetes: 300). */
        @WithDefault("3")
        long defaultNotReadyTolerationSeconds();

        /** tolerationSeconds of the {@code node.kubernetes.io/unreachable:NoExecute} toleration added to new pods (Kubernetes: 300). */
        @WithDefault("3")
        long defaultUnreachableTolerationSeconds();
    }

    interface KubeletConfig {
        /** Longest wait for a TCP connection to a node's kubelet (pods/log, pods/exec); past it the request fails with 503. */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface WatchConfig {
        /** Events a watcher may fall behind by before its stream is ended. */
        @WithDefault("1000")
        int queueSize();

        /** Recent events each resource's watch cache keeps, for watches that resume from a resourceVersion. */
        @WithDefault("10000")
        int cacheWindow();

        /** Interval between bookmark events for watchers that allow them. */
        @WithDefault("30s")
        Duration bookmarkInterval();

        /** Longest a watch stream lasts when the client gives no timeoutSeconds. */
        @WithDefault("30m")
        Duration defaultTimeout();
    }
}
