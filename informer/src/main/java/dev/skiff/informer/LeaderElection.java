package dev.skiff.informer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election among replicas of one component (scheduler, controllers) through a
 * {@code coordination.k8s.io/v1} Lease held over the api-server with resourceVersion
 * compare-and-swap: fabric8's {@link LeaderElector}, the port of client-go's, with client-go's
 * timings by default. A replica that loses the lease is told so and must stop acting at once; it
 * does not get the lease back in this election (like the Kubernetes components, which exit).
 */
public final class LeaderElection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());

    /** Where the lease lives, who this replica is, and client-go's three timings. */
    public record Settings(String namespace, String name, String identity,
                           Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        public Settings {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
            if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0)) {
                throw new IllegalArgumentException("leader election needs lease duration (" + leaseDuration
                        + ") > renew deadline (" + renewDeadline + ") > retry period (" + retryPeriod + ")");
            }
        }

        /** Kubernetes' defaults: lease 15 s, renew deadline 10 s, retry every 2 s. */
        public static Settings withDefaults(String namespace, String name, String identity) {
            return new Settings(namespace, name, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final CompletableFuture<?> election;

    private LeaderElection(KubernetesClient client, Settings settings, Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.settings = settings;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leader-election-" + settings.name());
            thread.setDaemon(true);
            return thread;
        });
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leading.set(true);
                    LOG.log(System.Logger.Level.INFO, "{0} became the leader (lease {1}/{2})", settings.identity(), settings.namespace(), settings.name());
                    onStartedLeading.run();
                },
                () -> {
                    if (leading.getAndSet(false)) {
                        LOG.log(System.Logger.Level.WARNING, "{0} is no longer the leader (lease {1}/{2})", settings.identity(), settings.namespace(), settings.name());
                        onStoppedLeading.run();
                    }
                },
                leader -> LOG.log(System.Logger.Level.DEBUG, "lease {0}/{1} is held by {2}", settings.namespace(), settings.name(), leader));
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(settings.namespace(), settings.name(), settings.identity()),
                settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod(),
                callbacks, true, settings.name());
        this.election = new LeaderElector(client, config, executor).start();
    }

    /**
     * Joins the election. {@code onStartedLeading} runs once this replica holds the lease;
     * {@code onStoppedLeading} once it has lost it or given it up. Both run on the election's thread
     * and should return quickly.
     */
    public static LeaderElection start(KubernetesClient client, Settings settings,
                                       Runnable onStartedLeading, Runnable onStoppedLeading) {
        return new LeaderElection(client, settings, onStartedLeading, onStoppedLeading);
    }

    public boolean isLeader() {
        return leading.get();
    }

    public Settings settings() {
        return settings;
    }

    /** Leaves the election, giving the lease up at once if this replica holds it, so a standby need not wait for it to expire. */
    @Override
    public void close() {
        election.cancel(true);
        executor.shutdown();
    }
}
