package dev.skiff.kubelet.node;

import dev.skiff.kubelet.config.KubeletConfig;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.RuntimeInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Registers the kubelet's Node and keeps its status true: capacity and allocatable from the
 * machine, addresses, the kubelet endpoint, nodeInfo and the conditions. {@link #update} is called
 * every {@code node-status-update-frequency}; it writes when the conditions changed (or differ from
 * the stored ones) and at least every {@code node-status-report-frequency}.
 */
public final class NodeStatusReporter {

    private static final Logger LOG = Logger.getLogger(NodeStatusReporter.class);
    public static final String KUBELET_VERSION = "v1.32.0-skiff";

    private final KubernetesClient client;
    private final ContainerRuntime runtime;
    private final KubeletConfig config;
    private final NodeIdentity identity;
    private final NodeConditions conditions;
    private final Path rootDir;
    private final Clock clock;
    private List<NodeCondition> lastWritten;
    private Instant lastWrite = Instant.EPOCH;

    public NodeStatusReporter(KubernetesClient client, ContainerRuntime runtime, KubeletConfig config,
                              NodeIdentity identity, Path rootDir, Clock clock) {
        this.client = client;
        this.runtime = runtime;
        this.config = config;
        this.identity = identity;
        this.rootDir = rootDir;
        this.clock = clock;
        this.conditions = new NodeConditions(config, rootDir);
    }

    /** Creates the Node, or takes over the existing one of that name (its labels and status are brought up to date). */
    public synchronized Node register() {
        Node desired = new NodeBuilder()
                .withNewMetadata()
                    .withName(identity.name())
                    .withLabels(labels())
                .endMetadata()
                .withStatus(status(null))
                .build();
        try {
            Node created = client.nodes().resource(desired).create();
            LOG.infof("node %s registered (%s, %s CPUs, %s memory)", identity.name(), identity.address(),
                    desired.getStatus().getCapacity().get("cpu"), desired.getStatus().getCapacity().get("memory"));
            lastWritten = created.getStatus().getConditions();
            lastWrite = clock.instant();
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        Node existing = client.nodes().withName(identity.name()).edit(node -> {
            node.getMetadata().setLabels(mergedLabels(node.getMetadata().getLabels()));
            return node;
        });
        LOG.infof("node %s already registered; taking it over", identity.name());
        writeStatus(existing, null);
        return existing;
    }

    /** Checks the conditions and writes the status when they changed or the report is due. */
    public synchronized void update() {
        String runtimeError = null;
        try {
            runtime.info();
        } catch (RuntimeException e) {
            runtimeError = e.getMessage();
        }
        Node node = client.nodes().withName(identity.name()).get();
        if (node == null) {
            LOG.warnf("node %s was deleted; registering it again", identity.name());
            register();
            return;
        }
        List<NodeCondition> now = conditions.current(node.getStatus() == null ? null : node.getStatus().getConditions(),
                runtimeError, timestamp());
        // as Kubernetes' kubelet, also against the stored status: the node lifecycle controller may have set it Unknown
        boolean changed = !NodeConditions.sameStatus(now, lastWritten)
                || !NodeConditions.sameStatus(now, node.getStatus() == null ? null : node.getStatus().getConditions());
        boolean due = !clock.instant().isBefore(lastWrite.plus(config.nodeStatusReportFrequency()));
        if (changed || due) {
            writeStatus(node, runtimeError);
        }
    }

    private void writeStatus(Node node, String runtimeError) {
        NodeStatus status = status(runtimeError, node.getStatus() == null ? null : node.getStatus().getConditions());
        node.setStatus(status);
        Node written = client.nodes().resource(node).updateStatus();
        if (!NodeConditions.sameStatus(status.getConditions(), lastWritten)) {
            LOG.infof("node %s conditions: %s", identity.name(), describe(status.getConditions()));
        }
        lastWritten = written.getStatus().getConditions();
        lastWrite = clock.instant();
    }

    private NodeStatus status(String runtimeError) {
        return status(runtimeError, null);
    }

    private NodeStatus status(String runtimeError, List<NodeCondition> previous) {
        Map<String, Quantity> capacity = capacity();
        Map<String, Quantity> allocatable = new LinkedHashMap<>(capacity);
        allocatable.put("cpu", minus(capacity.get("cpu"), Quantity.parse(config.reservedCpu())));
        allocatable.put("memory", minus(capacity.get("memory"), Quantity.parse(config.reservedMemory())));
        String runtimeVersion;
        try {
            RuntimeInfo info = runtime.info();
            runtimeVersion = info.versionString();
        } catch (RuntimeException e) {
            runtimeVersion = "";
            runtimeError = runtimeError == null ? e.getMessage() : runtimeError;
        }
        return new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                .withCapacity(capacity)
                .withAllocatable(allocatable)
                .withAddresses(
                        new NodeAddressBuilder().withType("InternalIP").withAddress(identity.address()).build(),
                        new NodeAddressBuilder().withType("Hostname").withAddress(MachineInfo.hostname()).build())
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(identity.port()).endKubeletEndpoint().endDaemonEndpoints()
                .withNewNodeInfo()
                    .withArchitecture(MachineInfo.architecture())
                    .withOperatingSystem("linux")
                    .withOsImage(MachineInfo.osImage())
                    .withKernelVersion(MachineInfo.kernelVersion())
                    .withKubeletVersion(KUBELET_VERSION)
                    .withKubeProxyVersion("")
                    .withContainerRuntimeVersion(runtimeVersion)
                    .withMachineID(MachineInfo.machineId())
                    .withBootID(MachineInfo.bootId())
                    .withSystemUUID(MachineInfo.machineId())
                .endNodeInfo()
                .withConditions(conditions.current(previous, runtimeError, timestamp()))
                .build();
    }

    private Map<String, Quantity> capacity() {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(Integer.toString(MachineInfo.cpus())));
        capacity.put("memory", new Quantity(MachineInfo.memoryBytes() / 1024 + "Ki"));
        capacity.put("ephemeral-storage", new Quantity(MachineInfo.diskBytes(rootDir) / 1024 + "Ki"));
        capacity.put("pods", new Quantity(Integer.toString(config.maxPods())));
        return capacity;
    }

    private static Quantity minus(Quantity total, Quantity reserved) {
        BigDecimal left = total.getNumericalAmount().subtract(reserved.getNumericalAmount()).max(BigDecimal.ZERO);
        if ("Ki".equals(total.getFormat())) {
            return new Quantity(left.divide(BigDecimal.valueOf(1024)).toBigInteger() + "Ki");
        }
        return new Quantity(left.multiply(BigDecimal.valueOf(1000)).toBigInteger() + "m");
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", identity.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", MachineInfo.architecture());
        return labels;
    }

    private Map<String, String> mergedLabels(Map<String, String> existing) {
        Map<String, String> merged = new LinkedHashMap<>(existing == null ? Map.of() : existing);
        merged.putAll(labels());
        return merged;
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String describe(List<NodeCondition> conditions) {
        StringBuilder text = new StringBuilder();
        for (NodeCondition condition : conditions) {
            text.append(text.isEmpty() ? "" : ", ").append(condition.getType()).append('=').append(condition.getStatus());
        }
        return text.toString();
    }
}
