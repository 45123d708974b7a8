package dev.skiff.kubelet.pod;

import dev.skiff.kubelet.probe.ProbeManager;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ContainerSummary;
import dev.skiff.runtime.RuntimeListing;
import dev.skiff.runtime.Sandbox;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The pod lifecycle event generator, as the kubelet's relisting one: lists this node's sandboxes
 * and containers every period (one listing, no per-container inspection) and triggers the worker of each pod whose containers changed
 * (started, exited, vanished), and of each pod that has containers but is not this node's to run
 * any more (an orphan, e.g. deleted while the kubelet was down), which its worker then removes
 * (see {@link #triggers}).
 */
public final class Pleg {

    private static final Logger LOG = Logger.getLogger(Pleg.class);

    private final ContainerRuntime runtime;
    private final PodLabels labels;
    private final PodWorkers workers;
    private final ProbeManager probes;
    private Map<String, Set<String>> previous = Map.of();

    public Pleg(ContainerRuntime runtime, PodLabels labels, PodWorkers workers, ProbeManager probes) {
        this.runtime = runtime;
        this.labels = labels;
        this.workers = workers;
        this.probes = probes;
    }

    public void relist() {
        Map<String, Set<String>> current = new HashMap<>();
        Set<String> running = new HashSet<>();
        try {
            RuntimeListing listing = runtime.list(labels.ofNode());
            for (Sandbox sandbox : listing.sandboxes()) {
                current.computeIfAbsent(sandbox.labels().get(PodLabels.UID), uid -> new TreeSet<>())
                        .add(sandbox.id() + ":" + sandbox.state());
            }
            for (ContainerSummary container : listing.containers()) {
                current.computeIfAbsent(container.labels().get(PodLabels.UID), uid -> new TreeSet<>())
                        .add(container.id() + ":" + container.state());
                if (container.state() == Container.ContainerState.RUNNING) {
                    running.add(container.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("relisting the containers of node %s failed: %s", labels.node(), e.getMessage());
            return;
        }
        current.remove(null);
        probes.retain(running);
        Set<String> uids = new HashSet<>(current.keySet());
        uids.addAll(previous.keySet());
        for (String uid : uids) {
            boolean changed = !Objects.equals(current.get(uid), previous.get(uid));
            if (triggers(workers.isDesired(uid), changed, current.containsKey(uid), workers.isSyncing(uid))) {
                workers.trigger(uid);
            }
        }
        previous = current;
    }

    /**
     * Whether a relist triggers a pod's worker: a pod to run, when its containers changed; one that
     * is not (an orphan), while it has containers left and its worker is not at them already, so a
     * removal that failed is tried again but one under way (a grace period) is not re-run for every
     * change it makes itself, nor the pod looked at again once its last container is gone.
     */
    static boolean triggers(boolean desired, boolean changed, boolean hasContainers, boolean syncing) {
        return desired ? changed : hasContainers && !syncing;
    }
}
