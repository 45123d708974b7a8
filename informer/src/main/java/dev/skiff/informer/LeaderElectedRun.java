package dev.skiff.informer;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * How a replicated control-plane component (the scheduler, the controller manager) comes to work:
 * on a thread of its own it waits for its informers' first full state, then joins the leader
 * election; it works only while it holds the Lease, and keeps its caches current as a standby
 * otherwise. A leader that loses the Lease stops working and is told to exit ({@code onLostLease}),
 * so that its supervisor restarts it as a standby and two replicas never work at once. Without
 * election settings it works as soon as it synced (run only one such replica).
 */
public final class LeaderElectedRun implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaderElectedRun.class.getName());
    private static final Duration SYNC_POLL = Duration.ofSeconds(5);

    /** Where this replica stands. */
    public enum Role { STARTING, STANDBY, LEADER, STOPPING }

    /** The component's caches: waits for their first full state, and says which are missing. */
    public interface Caches {
        boolean awaitSynced(Duration timeout) throws InterruptedException;

        String unsynced();
    }

    /** What the component does as its role changes. */
    public interface Work {
        /** Once the caches synced, before the election (e.g. wire handlers that need the full state). */
        default void synced() {
        }

        /** This replica leads: start working. */
        void start();

        /** Stop working, waiting for work in progress; called once, on losing the Lease or at shutdown. */
        void stop();

        /** The Lease was lost while leading (work is stopped already): exit, to come back as a standby. */
        void lostLease();
    }

    private final KubernetesClient client;
    private final Optional<LeaderElection.Settings> election;
    private final Caches caches;
    private final Work work;
    private final Thread starter;
    private volatile Role role = Role.STARTING;
    private volatile boolean synced;
    private volatile LeaderElection leaderElection;
    private boolean workStopped;

    private LeaderElectedRun(KubernetesClient client, Optional<LeaderElection.Settings> election, Caches caches, Work work) {
        this.client = client;
        this.election = election;
        this.caches = caches;
        this.work = work;
        this.starter = new Thread(this::awaitSyncThenElect, "leader-elected-start");
        this.starter.setDaemon(true);
    }

    /** Starts waiting for the caches, then for the Lease (or not, with {@code election} empty). */
    public static LeaderElectedRun start(KubernetesClient client, Optional<LeaderElection.Settings> election, Caches caches, Work work) {
        LeaderElectedRun run = new LeaderElectedRun(client, election, caches, work);
        run.starter.start();
        return run;
    }

    public Role role() {
        return role;
    }

    /** Whether the caches have delivered their first full state. */
    public boolean isSynced() {
        return synced;
    }

    private void awaitSyncThenElect() {
        try {
            while (!caches.awaitSynced(SYNC_POLL)) {
                if (role == Role.STOPPING) {
                    return;
                }
                LOG.log(System.Logger.Level.INFO, "waiting for the first full state of {0}", caches.unsynced());
            }
        } catch (InterruptedException e) {
            return;
        }
        work.synced();
        synced = true;
        synchronized (this) {
            if (role == Role.STOPPING) {
                return;
            }
            if (election.isEmpty()) {
                lead();
                return;
            }
            role = Role.STANDBY;
            leaderElection = LeaderElection.start(client, election.get(), this::lead, this::lostLease);
        }
    }

    private synchronized void lead() {
        if (role == Role.STOPPING) {
            return;
        }
        role = Role.LEADER;
        election.ifPresent(settings -> LOG.log(System.Logger.Level.INFO, "{0} leads", settings.identity()));
        work.start();
    }

    private void lostLease() {
        synchronized (this) {
            if (role == Role.STOPPING) {
                return;
            }
            role = Role.STOPPING;
        }
        LeaderElection.Settings settings = election.orElseThrow();
        LOG.log(System.Logger.Level.ERROR, "{0} lost the lease {1}/{2}: it stops working and exits, to come back as a standby",
                settings.identity(), settings.namespace(), settings.name());
        stopWork();
        work.lostLease();
    }

    private void stopWork() {
        synchronized (this) {
            if (workStopped) {
                return;
            }
            workStopped = true;
        }
        work.stop();
    }

    /** Shutdown: stops waiting, stops the work, releases the Lease. */
    @Override
    public void close() {
        synchronized (this) {
            role = Role.STOPPING;
        }
        starter.interrupt();
        stopWork();
        LeaderElection current = leaderElection;
        if (current != null) {
            current.close();
        }
    }

    /** A replica's default identity in a Lease: the host name and a random suffix, as client-go's. */
    public static String defaultIdentity(String fallbackHost) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = fallbackHost;
        }
        return host + "_" + UUID.randomUUID();
    }
}
