package dev.skiff.kubelet.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The kubelet's settings, under {@code skiff.kubelet.*}. Every one is documented in the README. */
@ConfigMapping(prefix = "skiff.kubelet")
public interface KubeletConfig {

    /** The Node's name; default the machine's hostname. */
    Optional<String> nodeName();

    /** The api-server the kubelet reads and writes through. */
    @WithDefault("http://127.0.0.1:6443")
    String apiServer();

    /** The node's InternalIP, where the kubelet serves and pods with host ports answer; default the first non-loopback IPv4 address. */
    Optional<String> address();

    /** The kubelet's HTTP port (health, its pods, container logs for the api-server); 0 picks a free one. */
    @WithDefault("10250")
    int port();

    /** Where pod volumes (emptyDir, configMap, secret) live: {@code <root-dir>/<node>/pods/<uid>/volumes}. */
    @WithDefault("${user.home}/.skiff/kubelet")
    Path rootDir();

    /** Pods this node takes (its {@code pods} capacity). */
    @WithDefault("110")
    int maxPods();

    /** CPU held back from allocatable for the system (a quantity: {@code 500m}, {@code 1}). */
    @WithDefault("0")
    String reservedCpu();

    /** Memory held back from allocatable for the system (a quantity: {@code 512Mi}). */
    @WithDefault("0")
    String reservedMemory();

    /** The Docker engine's address. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /** The image of each pod's sandbox container; made locally when missing. */
    @WithDefault("skiff.local/pause:1")
    String sandboxImage();

    /**
     * How long a call to the container runtime may wait for its answer (create, start, inspect,
     * list, remove; pulls, stops with a grace period, logs and exec are bounded otherwise), and for
     * a connection to it; Kubernetes' {@code runtimeRequestTimeout}. Many containers started at
     * once on a small machine make single calls take tens of seconds.
     */
    @WithDefault("2m")
    Duration runtimeRequestTimeout();

    /** How long a pull of a missing image may take before it fails (ErrImagePull). */
    @WithDefault("2m")
    Duration imagePullTimeout();

    /** The node Lease's duration; the node lifecycle controller marks the node unreachable after it. */
    @WithDefault("40s")
    Duration nodeLeaseDuration();

    /** How often the node Lease is renewed. */
    @WithDefault("10s")
    Duration nodeLeaseRenewInterval();

    /** How often node conditions are checked; they are written when they change. */
    @WithDefault("10s")
    Duration nodeStatusUpdateFrequency();

    /** The longest the node status goes unwritten, changed or not. */
    @WithDefault("1m")
    Duration nodeStatusReportFrequency();

    /**
     * How often every pod is compared with its containers even without an event; Kubernetes'
     * default. Container changes reach the workers through the relist, so this is a safety net:
     * each pass lists the pod's containers, so 110 pods every 10 s kept the engine busy.
     */
    @WithDefault("1m")
    Duration syncFrequency();

    /** How often the runtime's containers are listed to notice exits and changes (the PLEG relist). */
    @WithDefault("1s")
    Duration relistPeriod();

    /**
     * How often the CPU and memory use of the node and of its running containers is sampled for
     * {@code /stats/summary}; CPU rates (usageNanoCores) are taken between the two latest samples.
     */
    @WithDefault("10s")
    Duration statsInterval();

    Kafka kafka();

    interface Kafka {
        /** Kafka brokers; set: pods come from the pods-by-node topic; unset: from the api-server's watch. */
        Optional<String> bootstrapServers();

        /** The topic prefix the api-server's relay publishes under. */
        @WithDefault("skiff")
        String topicPrefix();

        /** Partitions of the pods-by-node topic (must match the api-server's skiff.kafka.pods-by-node-partitions). */
        @WithDefault("128")
        int podsByNodePartitions();
    }
}
