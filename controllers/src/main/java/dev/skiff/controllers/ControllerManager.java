package dev.skiff.controllers;

import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.informer.ApiClient;
import dev.skiff.informer.LeaderElectedRun;
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

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The controller manager process, as kube-controller-manager: wires the enabled controllers to the
 * shared informers, starts the informers, waits for their first full state, then joins the leader
 * election ({@link LeaderElectedRun}); the replica holding the Lease runs the controllers, the
 * others keep their caches current as standbys. A leader that loses its lease stops and exits
 * (status 1), so that its supervisor restarts it as a standby and no two replicas ever act at once.
 */
@ApplicationScoped
public class ControllerManager {

    private static final Logger LOG = Logger.getLogger(ControllerManager.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ControllersConfig config;
    private final Instance<Controller> available;
    private String identity;
    private KubernetesClient client;
    private SharedInformers informers;
    private List<Controller> controllers = List.of();
    private volatile LeaderElectedRun run;

    public ControllerManager(ControllersConfig config, @Any Instance<Controller> available) {
        this.config = config;
        this.available = available;
    }

    void onStart(@Observes StartupEvent event) {
        identity = config.leaderElection().identity().orElseGet(() -> LeaderElectedRun.defaultIdentity("controller-manager"));
        controllers = enabledControllers();
        client = ApiClient.connect(config.apiServer(), "skiff-controller-manager");
        informers = new SharedInformers(config, client);
        ControllerContext context = new ControllerContext(client, informers, config, identity, Clock.systemUTC());
        controllers.forEach(controller -> controller.register(context));
        LOG.infof("controller manager %s starting: %s, reading %s", identity,
                controllers.stream().map(Controller::name).collect(Collectors.joining(", ")),
                config.kafka().bootstrapServers().map(k -> "Kafka at " + k).orElse("the api-server's watch at " + config.apiServer()));
        informers.start();
        ControllersConfig.LeaderElectionConfig le = config.leaderElection();
        Optional<LeaderElection.Settings> election = le.enabled()
                ? Optional.of(new LeaderElection.Settings(le.namespace(), le.name(), identity, le.leaseDuration(), le.renewDeadline(), le.retryPeriod()))
                : Optional.empty();
        run = LeaderElectedRun.start(client, election, informers, new LeaderElectedRun.Work() {
            @Override
            public void start() {
                LOG.infof("%s starts the controllers", identity);
                controllers.forEach(Controller::start);
            }

            @Override
            public void stop() {
                controllers.forEach(controller -> controller.stop(STOP_WAIT));
            }

            @Override
            public void lostLease() {
                Quarkus.asyncExit(1);
            }
        });
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

    void onStop(@Observes ShutdownEvent event) {
        if (run != null) {
            run.close();
        }
        if (informers != null) {
            informers.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    public LeaderElectedRun.Role role() {
        LeaderElectedRun current = run;
        return current == null ? LeaderElectedRun.Role.STARTING : current.role();
    }

    /** Whether every informer has delivered its first full state. */
    public boolean isSynced() {
        LeaderElectedRun current = run;
        return current != null && current.isSynced();
    }

    public String identity() {
        return identity;
    }

    public List<Controller> controllers() {
        return controllers;
    }
}
