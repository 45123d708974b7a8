package dev.skiff.kubelet;

import dev.skiff.api.events.Topics;
import dev.skiff.informer.ApiClient;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.EventSource;
import dev.skiff.informer.Informer;
import dev.skiff.informer.KafkaEventSource;
import dev.skiff.informer.KafkaSettings;
import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.informer.WatchEventSource;
import dev.skiff.kubelet.config.KubeletConfig;
import dev.skiff.kubelet.node.ClusterId;
import dev.skiff.kubelet.node.MachineInfo;
import dev.skiff.kubelet.node.NodeIdentity;
import dev.skiff.kubelet.node.NodeLeaseHeartbeat;
import dev.skiff.kubelet.node.NodeStatusReporter;
import dev.skiff.kubelet.pod.BackOff;
import dev.skiff.kubelet.pod.ContainerConfigFactory;
import dev.skiff.kubelet.pod.EnvResolver;
import dev.skiff.kubelet.pod.ImagePuller;
import dev.skiff.kubelet.pod.Pleg;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.kubelet.pod.PodStatusBuilder;
import dev.skiff.kubelet.pod.PodStatusWriter;
import dev.skiff.kubelet.pod.PodSync;
import dev.skiff.kubelet.pod.PodVolumes;
import dev.skiff.kubelet.pod.PodWorkers;
import dev.skiff.kubelet.probe.ProbeManager;
import dev.skiff.kubelet.probe.Prober;
import dev.skiff.kubelet.server.KubeletServer;
import dev.skiff.kubelet.stats.ResourceStats;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.docker.DockerRuntime;
import dev.skiff.runtime.docker.DockerSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The kubelet's lifecycle. Start: serve HTTP, sample the resource use of the node and its
 * containers, register the Node, start the heartbeat (Lease) and the node status loop, read this
 * node's pods through the informer (Kafka's pods-by-node topic in cluster mode, the api-server's
 * watch otherwise) and hand them to the pod workers; only once that cache has synced do the relist
 * and the resync start, so that a restarted kubelet adopts its running containers instead of
 * mistaking them for orphans. Stop: stop reading and acting, leave the containers running (a
 * restarted kubelet adopts them).
 */
@ApplicationScoped
public class Kubelet {

    private static final Logger LOG = Logger.getLogger(Kubelet.class);

    private final KubeletConfig config;
    private final Vertx vertx;
    private ScheduledExecutorService timer;
    private ContainerRuntime runtime;
    private KubernetesClient client;
    private EventRecorder events;
    private KubeletServer server;
    private ResourceStats stats;
    private Informer<Pod> informer;
    private PodWorkers workers;
    private ProbeManager probes;
    private NodeIdentity identity;
    private volatile boolean synced;

    public Kubelet(KubeletConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        Clock clock = Clock.systemUTC();
        String nodeName = config.nodeName().orElseGet(MachineInfo::hostname);
        String address = config.address().orElseGet(MachineInfo::primaryAddress);
        Path nodeDir = config.rootDir().resolve(nodeName).toAbsolutePath();
        Files.createDirectories(nodeDir);
        AtomicInteger threads = new AtomicInteger();
        timer = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kubelet-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        runtime = new DockerRuntime(DockerSettings.defaults()
                .withHost(URI.create(config.dockerHost()))
                .withSandboxImage(config.sandboxImage())
                .withApiTimeout(config.runtimeRequestTimeout())
                .withPullTimeout(config.imagePullTimeout()));
        client = ApiClient.connect(config.apiServer(), "skiff-kubelet", new VertxHttpClientFactory(vertx));
        events = new EventRecorder(client, "kubelet", nodeName);
        String cluster = ClusterId.read(client);
        PodLabels labels = new PodLabels(cluster, nodeName);

        BackOff backOff = new BackOff(clock);
        PodVolumes volumes = new PodVolumes(client, nodeDir.resolve("pods"));
        PodWorkers[] workersRef = new PodWorkers[1];
        probes = new ProbeManager(new Prober(runtime, vertx), timer, events, uid -> workersRef[0].trigger(uid), clock);
        stats = new ResourceStats(runtime, labels, clock);
        server = new KubeletServer(vertx, runtime, () -> workersRef[0] == null ? List.of() : workersRef[0].pods(), labels, () -> synced,
                stats::summary);
        int port = server.start(address, config.port());
        stats.start(config.statsInterval());
        identity = new NodeIdentity(cluster, nodeName, address, port);
        PodSync sync = new PodSync(runtime, client, identity, new ImagePuller(runtime, backOff, events), volumes,
                new ContainerConfigFactory(new EnvResolver(client), labels), backOff, probes,
                new PodStatusBuilder(probes, clock), new PodStatusWriter(client), events);
        workers = new PodWorkers(sync, timer);
        workersRef[0] = workers;

        NodeStatusReporter reporter = new NodeStatusReporter(client, runtime, config, identity, nodeDir, clock);
        Node node = reporter.register();
        NodeLeaseHeartbeat lease = new NodeLeaseHeartbeat(client, nodeName, config.nodeLeaseDuration(), clock);
        periodically("node lease renewal", Duration.ZERO, config.nodeLeaseRenewInterval(), () -> lease.renew(node));
        periodically("node status update", config.nodeStatusUpdateFrequency(), config.nodeStatusUpdateFrequency(), reporter::update);

        informer = new Informer<>(podSource(nodeName));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                workers.update(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                workers.update(newPod);
            }

            @Override
            public void onDelete(Pod pod) {
                workers.remove(pod);
            }
        });
        informer.start();
        Pleg pleg = new Pleg(runtime, labels, workers, probes);
        timer.execute(() -> awaitSyncThenRelist(pleg));
        // the engine is not asked again here: one that does not answer leaves the node NotReady, not the kubelet down
        LOG.infof("kubelet of node %s started (Docker engine at %s, api-server %s, pods from %s)", nodeName,
                config.dockerHost(), config.apiServer(), config.kafka().bootstrapServers().isPresent() ? "Kafka" : "watch");
    }

    private void awaitSyncThenRelist(Pleg pleg) {
        try {
            while (!informer.awaitSynced(Duration.ofSeconds(30))) {
                LOG.warnf("the pods of node %s are not synced yet; waiting on", identity.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synced = true;
        periodically("relist", Duration.ZERO, config.relistPeriod(), pleg::relist);
        periodically("pod resync", config.syncFrequency(), config.syncFrequency(), workers::triggerAll);
    }

    private EventSource<Pod> podSource(String nodeName) {
        if (config.kafka().bootstrapServers().isPresent()) {
            KafkaSettings kafka = new KafkaSettings(config.kafka().bootstrapServers().get(),
                    new Topics(config.kafka().topicPrefix()), Map.of());
            return KafkaEventSource.forNodePods(kafka, "skiff-kubelet-" + nodeName, nodeName, config.kafka().podsByNodePartitions());
        }
        return WatchEventSource.forNodePods(client, nodeName);
    }

    private void periodically(String what, Duration initialDelay, Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf("%s of node %s failed: %s", what, identity.name(), e.getMessage());
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The node this kubelet registered (for tests and the status endpoint). */
    public NodeIdentity identity() {
        return identity;
    }

    public boolean synced() {
        return synced;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.stop();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (workers != null) {
            workers.close();
        }
        if (probes != null) {
            probes.close();
        }
        if (stats != null) {
            stats.close();
        }
        if (server != null) {
            server.close();
        }
        if (events != null) {
            events.close();
        }
        if (client != null) {
            client.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
