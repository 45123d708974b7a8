package dev.skiff.controllers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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

    NodeLifecycleConfig nodeLifecycle();

    PodGcConfig podGc();

    EndpointsConfig endpoints();

    GarbageCollectorConfig garbageCollector();

    NamespaceConfig namespace();

    ReplicaSetConfig replicaSet();

    DeploymentConfig deployment();

    DaemonSetConfig daemonSet();

    JobConfig job();

    CronJobConfig cronJob();

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

    /**
     * The node lifecycle controller: when a node whose kubelet went silent is marked unknown and
     * tainted. With the kubelet's 10 s lease renewals and the api-server's default toleration of
     * 3 s, the defaults move a dead node's pods within about 30 s and let a node pause 10 s.
     */
    interface NodeLifecycleConfig {
        /** How often every node's heartbeat is checked. */
        @WithDefault("1s")
        Duration nodeMonitorPeriod();

        /**
         * How long a node may go without a heartbeat this controller sees (its Lease renewed or its
         * Ready condition's heartbeat changed) before its conditions become Unknown and it is tainted
         * unreachable. It must exceed two lease renew intervals, the gap a 10 s pause can leave.
         */
        @WithDefault("22s")
        Duration nodeMonitorGracePeriod();

        /** The same for a node that has never posted a Ready condition (a kubelet still starting). */
        @WithDefault("1m")
        Duration nodeStartupGracePeriod();
    }

    /** The pod garbage collector. */
    interface PodGcConfig {
        /** How often the collector looks for pods to delete. */
        @WithDefault("20s")
        Duration period();

        /**
         * How long a node must stay missing before the pods bound to it are deleted, so that a pod
         * bound before its Node object is seen is not lost.
         */
        @WithDefault("40s")
        Duration quarantine();

        /** Finished pods (Succeeded or Failed) kept; beyond it the oldest are deleted; 0 for no limit. */
        @WithDefault("12500")
        int terminatedPodGcThreshold();
    }

    /** The endpoints controller ({@code skiff.controllers.endpoints.*}). */
    interface EndpointsConfig {
        /** Services synced at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();
    }

    /** The garbage collector ({@code skiff.controllers.garbage-collector.*}). */
    interface GarbageCollectorConfig {
        /** Objects checked at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();
    }

    /** The namespace controller ({@code skiff.controllers.namespace.*}). */
    interface NamespaceConfig {
        /** Terminating namespaces emptied at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();

        /**
         * How long a terminating namespace that still holds content (pods being stopped, objects
         * with finalizers) waits before it is checked again; the deletion of one of its pods also
         * triggers a check.
         */
        @WithDefault("5s")
        Duration recheckInterval();
    }

    /** The ReplicaSet controller ({@code replicaset-controller}). */
    interface ReplicaSetConfig {
        /** Workers reconciling ReplicaSets at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();

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
        OptionalInt workers();
    }

    /** The DaemonSet controller ({@code daemonset-controller}). */
    interface DaemonSetConfig {
        /** Workers reconciling DaemonSets at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();

        /** Most pods one DaemonSet creates or deletes in one pass (Kubernetes' burst replicas for daemon sets). */
        @WithDefault("250")
        int burstReplicas();

        /**
         * How long the controller waits to see its own creates and deletes in its cache before it
         * acts on that DaemonSet again regardless.
         */
        @WithDefault("5m")
        Duration expectationsTimeout();
    }

    /** The Job controller ({@code job-controller}). */
    interface JobConfig {
        /** Workers reconciling Jobs at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();
    }

    /** The CronJob controller ({@code cronjob-controller}). */
    interface CronJobConfig {
        /** Workers reconciling CronJobs at once; default {@code skiff.controllers.workers}. */
        OptionalInt workers();
    }
}
