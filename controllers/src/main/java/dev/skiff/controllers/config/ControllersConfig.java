package dev.skiff.controllers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The controller manager's settings, under {@code skiff.controllers.*}. Every one is documented in the README. */
@ConfigMapping(prefix = "skiff.controllers")
public interface ControllersConfig {

    /** The api-server the controllers read (without Kafka) and write through. */
    @WithDefault("http://127.0.0.1:6443")
    String apiServer();

    /** The controllers to run, by name; default all of them. */
    Optional<List<String>> enabled();

    /** Workers per controller that reconcile objects at once (one object is never reconciled by two). */
    @WithDefault("2")
    int workers();

    /** How often every object is handed to its controller again even if nothing changed; 0 for never. */
    @WithDefault("5m")
    Duration resyncPeriod();

    LeaderElectionConfig leaderElection();

    KafkaConfig kafka();

    ReplicaSetConfig replicaSet();

    DeploymentConfig deployment();

    interface LeaderElectionConfig {
        /** Whether replicas elect a leader; without it this replica runs the controllers at once (run only one). */
        @WithDefault("true")
        boolean enabled();

        /** Namespace of the Lease. */
        @WithDefault("kube-system")
        String namespace();

        /** Name of the Lease. */
        @WithDefault("skiff-controller-manager")
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
        /** Kafka brokers to read the objects from ({@code host:port,…}); unset: the api-server's watch. */
        Optional<String> bootstrapServers();

        /** First part of the topic names: the api-server's {@code skiff.kafka.topic-prefix}. */
        @WithDefault("skiff")
        String topicPrefix();

        /** Consumer group the controllers' offsets are kept in. */
        @WithDefault("skiff-controller-manager")
        String groupId();

        /** Other Kafka consumer properties, e.g. {@code skiff.controllers.kafka.client."security.protocol"=SSL}. */
        Map<String, String> client();
    }

    /** The ReplicaSet controller ({@code replicaset-controller}). */
    interface ReplicaSetConfig {
        /** Workers reconciling ReplicaSets at once; default {@code skiff.controllers.workers}. */
        Optional<Integer> workers();

        /** Most pods one ReplicaSet creates or deletes in one pass (Kubernetes' burst replicas). */
        @WithDefault("500")
        int burstReplicas();

        /**
         * How long the controller waits to see its own creates and deletes in its cache before it
         * acts on that ReplicaSet again regardless (Kubernetes' expectations timeout).
         */
        @WithDefault("5m")
        Duration expectationsTimeout();
    }

    /** The Deployment controller ({@code deployment-controller}). */
    interface DeploymentConfig {
        /** Workers reconciling Deployments at once; default {@code skiff.controllers.workers}. */
        Optional<Integer> workers();
    }
}
