package dev.skiff.scheduler.config;

import dev.skiff.scheduler.plugins.NodeResourcesFit;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The scheduler's settings, under {@code skiff.scheduler.*}. Every one is documented in scheduler/README.md. */
@ConfigMapping(prefix = "skiff.scheduler")
public interface SchedulerConfig {

    /** The pods this scheduler places: those whose {@code spec.schedulerName} is this. Also the events' reporting component. */
    @WithDefault("default-scheduler")
    String schedulerName();

    /** The api-server the scheduler reads (without Kafka) and writes through. */
    @WithDefault("http://127.0.0.1:6443")
    String apiServer();

    /**
     * The share of the nodes, in percent, to find feasible before scoring them, in clusters of 100
     * nodes or more; 0 for Kubernetes' adaptive share (50% at 1,000 nodes down to 5% from 5,625).
     */
    @WithDefault("0")
    int percentageOfNodesToScore();

    /** Threads that filter and score nodes for one pod; default: the number of CPUs. */
    OptionalInt parallelism();

    /** Bindings written to the api-server at once, at most. */
    @WithDefault("16")
    int bindParallelism();

    QueueConfig queue();

    LeaderElectionConfig leaderElection();

    KafkaConfig kafka();

    PluginsConfig plugins();

    interface QueueConfig {
        /** The first back-off of a pod that failed; it doubles with each attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest back-off. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** The longest an unschedulable pod waits for a cluster event before it is tried again. */
        @WithDefault("5m")
        Duration maxUnschedulableDuration();
    }

    interface LeaderElectionConfig {
        /** Whether replicas elect a leader; without it this replica schedules at once (run only one). */
        @WithDefault("true")
        boolean enabled();

        /** Namespace of the Lease. */
        @WithDefault("kube-system")
        String namespace();

        /** Name of the Lease. */
        @WithDefault("skiff-scheduler")
        String name();

        /** This replica's name in the Lease; default: the host name and a random suffix. */
        Optional<String> identity();

        /** How long a leader's lease lasts without renewal; a standby takes over after it. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before it gives up leading. */
        @WithDefault("10s")
        Duration renewDeadline();

        /** How often replicas try to take or renew the lease. */
        @WithDefault("2s")
        Duration retryPeriod();
    }

    interface KafkaConfig {
        /** Kafka brokers to read pods and nodes from ({@code host:port,…}); unset: the api-server's watch. */
        Optional<String> bootstrapServers();

        /** First part of the topic names: the api-server's {@code skiff.kafka.topic-prefix}. */
        @WithDefault("skiff")
        String topicPrefix();

        /** Consumer group the scheduler's offsets are kept in. */
        @WithDefault("skiff-scheduler")
        String groupId();

        /** Other Kafka consumer properties, e.g. {@code skiff.scheduler.kafka.client."security.protocol"=SSL}. */
        Map<String, String> client();
    }

    interface PluginsConfig {
        /** Plugins not to run, by name (e.g. {@code NodePorts,PodTopologySpread}). */
        Optional<List<String>> disabled();

        /** Weights of score plugins by name, replacing Kubernetes' defaults, e.g. {@code skiff.scheduler.plugins.weights."TaintToleration"=3}. */
        Map<String, Integer> weights();

        /** How NodeResourcesFit scores: {@code least-allocated} (spread) or {@code most-allocated} (bin packing). */
        @WithDefault("least-allocated")
        NodeResourcesFit.Strategy scoringStrategy();

        /** Whether pods without topology spread constraints of their own that have a controller are spread by Kubernetes' defaults. */
        @WithDefault("true")
        boolean defaultTopologySpread();
    }
}
