package dev.skiff.scheduler;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.informer.ApiClient;
import dev.skiff.informer.EventSource;
import dev.skiff.informer.Informer;
import dev.skiff.informer.KafkaEventSource;
import dev.skiff.informer.KafkaSettings;
import dev.skiff.informer.LeaderElectedRun;
import dev.skiff.informer.LeaderElection;
import dev.skiff.informer.WatchEventSource;
import dev.skiff.scheduler.binding.ApiPodBinder;
import dev.skiff.scheduler.binding.ApiPodStatusWriter;
import dev.skiff.scheduler.binding.ApiWriter;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.config.SchedulerConfig;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.Parallelizer;
import dev.skiff.scheduler.plugins.Plugins;
import dev.skiff.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The scheduler process: builds the profile, the cache, the queue and the informers (the
 * api-server's watch, or the Kafka topics when Kafka is configured), waits for the informers' first
 * full state, then joins the leader election; the replica holding the Lease schedules, the others
 * keep their caches and queues current as standbys. A leader that loses its lease stops scheduling
 * and exits (status 1), as Kubernetes' scheduler does, so that its supervisor restarts it as a standby.
 */
@ApplicationScoped
public class SchedulerService {

    private static final Logger LOG = Logger.getLogger(SchedulerService.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Filtering and scoring spread over threads from this many nodes to check on; fewer are quicker on one thread. */
    static final int MIN_PARALLEL_NODES = 1000;
    private static final int EVENT_CONNECTIONS = 4;

    private final SchedulerConfig config;
    private final Vertx vertx;
    private String identity;
    private KubernetesClient client;
    private ApiWriter writer;
    private ApiWriter eventWriter;
    private Parallelizer parallelizer;
    private SchedulerCache cache;
    private SchedulingQueue queue;
    private Scheduler scheduler;
    private Informer<Pod> pods;
    private Informer<Node> nodes;
    private volatile LeaderElectedRun run;

    public SchedulerService(SchedulerConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        identity = config.leaderElection().identity().orElseGet(() -> LeaderElectedRun.defaultIdentity("scheduler"));
        Plugins.Settings settings = new Plugins.Settings(config.plugins().disabled().orElse(List.of()),
                config.plugins().weights(), config.plugins().scoringStrategy(), config.plugins().defaultTopologySpread());
        // bindings and conditions on connections of their own, so that events waiting for a connection never hold a binding up
        writer = new ApiWriter(vertx, config.apiServer(), config.bindParallelism() + 1);
        eventWriter = new ApiWriter(vertx, config.apiServer(), EVENT_CONNECTIONS);
        Framework framework = Plugins.framework(settings, new ApiPodBinder(writer));
        client = ApiClient.connect(config.apiServer(), "skiff-scheduler");
        parallelizer = new Parallelizer(config.parallelism().orElse(Runtime.getRuntime().availableProcessors()), MIN_PARALLEL_NODES);
        cache = new SchedulerCache();
        queue = new SchedulingQueue(config.queue().initialBackoff(), config.queue().maxBackoff(),
                config.queue().maxUnschedulableDuration(), framework.eventsToRegister(), System::nanoTime);
        ResourceRegistry registry = ResourceRegistry.builtIn();
        pods = new Informer<>(source(registry.findByKind("", "Pod").orElseThrow(), Pod.class));
        nodes = new Informer<>(source(registry.findByKind("", "Node").orElseThrow(), Node.class));
        scheduler = new Scheduler(framework, queue, cache,
                new SchedulingAlgorithm(config.percentageOfNodesToScore(), parallelizer, new Random()),
                new ApiPodStatusWriter(writer), new ApiSchedulingEvents(eventWriter, config.schedulerName(), identity),
                key -> pods.indexer().get(key).orElse(null), config.bindParallelism());
        LOG.infof("scheduler %s (%s) starting: plugins %s, score weights %s, %s scoring, reading %s", config.schedulerName(), identity,
                framework.pluginNames(), framework.scoreWeights(), config.plugins().scoringStrategy().name().toLowerCase().replace('_', '-'),
                config.kafka().bootstrapServers().map(k -> "Kafka at " + k).orElse("the api-server's watch at " + config.apiServer()));
        pods.start();
        nodes.start();
        EventHandlers handlers = new EventHandlers(config.schedulerName(), cache, queue);
        SchedulerConfig.LeaderElectionConfig le = config.leaderElection();
        Optional<LeaderElection.Settings> election = le.enabled()
                ? Optional.of(new LeaderElection.Settings(le.namespace(), le.name(), identity, le.leaseDuration(), le.renewDeadline(), le.retryPeriod()))
                : Optional.empty();
        run = LeaderElectedRun.start(client, election, new LeaderElectedRun.Caches() {
            @Override
            public boolean awaitSynced(Duration timeout) throws InterruptedException {
                return nodes.awaitSynced(timeout) && pods.awaitSynced(timeout);
            }

            @Override
            public String unsynced() {
                return "nodes (synced: " + nodes.hasSynced() + ") and pods (synced: " + pods.hasSynced() + ")";
            }
        }, new LeaderElectedRun.Work() {
            /** Each handler first hears of every cached object: nodes before pods, so pending pods meet the nodes. */
            @Override
            public void synced() {
                nodes.addEventHandler(handlers.nodes());
                pods.addEventHandler(handlers.pods());
                LOG.infof("caches synced: %d nodes, %d pods pending", cache.counts().nodes(), queue.counts().pending());
            }

            @Override
            public void start() {
                LOG.infof("%s schedules", identity);
                scheduler.start();
            }

            @Override
            public void stop() {
                scheduler.stop(STOP_WAIT);
            }

            @Override
            public void lostLease() {
                Quarkus.asyncExit(1);
            }
        });
    }

    private <T extends HasMetadata> EventSource<T> source(ResourceType type, Class<T> objectClass) {
        SchedulerConfig.KafkaConfig kafka = config.kafka();
        if (kafka.bootstrapServers().isPresent()) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers().get(), new Topics(kafka.topicPrefix()), kafka.client());
            return KafkaEventSource.forResource(settings, kafka.groupId(), type, objectClass);
        }
        return new WatchEventSource<>(client, type, objectClass);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (run != null) {
            run.close();
        }
        if (pods != null) {
            pods.stop();
            nodes.stop();
        }
        if (writer != null) {
            writer.close();
            eventWriter.close();
        }
        if (parallelizer != null) {
            parallelizer.close();
        }
        if (client != null) {
            client.close();
        }
    }

    public LeaderElectedRun.Role role() {
        LeaderElectedRun current = run;
        return current == null ? LeaderElectedRun.Role.STARTING : current.role();
    }

    /** Whether both informers have delivered their first full state (and the handlers have it). */
    public boolean isSynced() {
        LeaderElectedRun current = run;
        return current != null && current.isSynced();
    }

    public String identity() {
        return identity;
    }

    public String schedulerName() {
        return config.schedulerName();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SchedulingQueue queue() {
        return queue;
    }

    public SchedulerCache cache() {
        return cache;
    }
}
