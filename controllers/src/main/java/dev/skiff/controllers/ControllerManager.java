package dev.skiff.controllers;

import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.informer.ApiClient;
import dev.skiff.informer.LeaderElection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The controller manager process, as kube-controller-manager: wires the enabled controllers to the
 * shared informers, starts the informers, waits for their first full state, then joins the leader
 * election; the replica holding the Lease runs the controllers, the others keep their caches
 * current as standbys. A leader that loses its lease stops and exits (status 1), so that its
 * supervisor restarts it as a standby and no two replicas ever act at once.
 */
@ApplicationScoped
public class ControllerManager {

    private static final Logger LOG = Logger.getLogger(ControllerManager.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration SYNC_POLL = Duration.ofSeconds(5);

    /** Where this replica stands. */
    public enum Role { STARTING, STANDBY, LEADER, STOPPING }

    private final ControllersConfig config;
    private final Instance<Controller> available;
    private volatile Role role = Role.STARTING;
    private volatile boolean synced;
    private String identity;
    private KubernetesClient client;
    private SharedInformers informers;
    private List<Controller> controllers = List.of();
    private volatile LeaderElection election;
    private Thread starter;

    public ControllerManager(ControllersConfig config, @Any Instance<Controller> available) {
        this.config = config;
        this.available = available;
    }

    void onStart(@Observes StartupEvent event) {
        identity = config.leaderElection().identity().orElseGet(ControllerManager::defaultIdentity);
        controllers = enabledControllers();
        client = ApiClient.connect(config.apiServer());
        informers = new SharedInformers(config);
        ControllerContext context = new ControllerContext(client, informers, config, identity, Clock.systemUTC());
        controllers.forEach(controller -> controller.register(context));
        LOG.infof("controller manager %s starting: %s, reading %s", identity,
                controllers.stream().map(Controller::name).collect(Collectors.joining(", ")),
                config.kafka().bootstrapServers().map(k -> "Kafka at " + k).orElse("the api-server's watch at " + config.apiServer()));
        informers.start();
        starter = new Thread(this::awaitSyncThenElect, "controller-manager-start");
        starter.setDaemon(true);
        starter.start();
    }

    private List<Controller> enabledControllers() {
        List<Controller> all = available.stream().sorted(Comparator.comparing(Controller::name)).toList();
        if (config.enabled().isEmpty()) {
            return all;
        }
        Set<String> wanted = Set.copyOf(config.enabled().get());
        Set<String> known = all.stream().map(Controller::name).collect(Collectors.toSet());
        List<String> unknown = wanted.stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("skiff.controllers.enabled names unknown controllers " + unknown
                    + "; known: " + known.stream().sorted().toList());
        }
        return all.stream().filter(controller -> wanted.contains(controller.name())).toList();
    }

    private void awaitSyncThenElect() {
        try {
            while (!informers.awaitSynced(SYNC_POLL)) {
                if (role == Role.STOPPING) {
                    return;
                }
                LOG.infof("waiting for the first full state of %s", informers.unsynced());
            }
        } catch (InterruptedException e) {
            return;
        }
        synced = true;
        LOG.info("caches synced");
        synchronized (this) {
            if (role == Role.STOPPING) {
                return;
            }
            if (!config.leaderElection().enabled()) {
                startLeading();
                return;
            }
            ControllersConfig.LeaderElectionConfig le = config.leaderElection();
            role = Role.STANDBY;
            election = LeaderElection.start(client, new LeaderElection.Settings(le.namespace(), le.name(), identity,
                    le.leaseDuration(), le.renewDeadline(), le.retryPeriod()), this::startLeading, this::stopLeading);
        }
    }

    private synchronized void startLeading() {
        if (role == Role.STOPPING) {
            return;
        }
        role = Role.LEADER;
        LOG.infof("%s leads: starting the controllers", identity);
        controllers.forEach(Controller::start);
    }

    private void stopLeading() {
        synchronized (this) {
            if (role == Role.STOPPING) {
                return;
            }
            role = Role.STOPPING;
        }
        LOG.errorf("%s lost the lease %s/%s: it stops the controllers and exits, to come back as a standby",
                identity, config.leaderElection().namespace(), config.leaderElection().name());
        controllers.forEach(controller -> controller.stop(STOP_WAIT));
        Quarkus.asyncExit(1);
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            role = Role.STOPPING;
        }
        if (starter != null) {
            starter.interrupt();
        }
        controllers.forEach(controller -> controller.stop(STOP_WAIT));
        LeaderElection current = election;
        if (current != null) {
            current.close();
        }
        if (informers != null) {
            informers.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    public Role role() {
        return role;
    }

    /** Whether every informer has delivered its first full state. */
    public boolean isSynced() {
        return synced;
    }

    public String identity() {
        return identity;
    }

    public List<Controller> controllers() {
        return controllers;
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "controller-manager";
        }
        return host + "_" + UUID.randomUUID();
    }
}
