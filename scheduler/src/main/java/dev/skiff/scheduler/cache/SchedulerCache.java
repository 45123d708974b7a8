package dev.skiff.scheduler.cache;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import io.fabric8.kubernetes.api.model.Node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the scheduler knows of the nodes and the pods on them, as Kubernetes' scheduler cache: the
 * nodes and the pods bound to them (from the informers) plus the pods it has <em>assumed</em> on a
 * node — chosen, not yet seen bound — so that the next decisions count them before their bindings
 * come back. An assumed pod is confirmed when the informer shows it bound, and forgotten if its
 * binding fails. Assumptions do not expire (Kubernetes' default since 1.27): every binding ends in
 * a confirmation or a failure. Thread-safe: the informers, the scheduling thread and the binding threads use it.
 *
 * <p>Each change to a node's info raises a generation counter and moves the node to the head of a
 * list ordered by last change, so {@link #updateSnapshot} copies only the nodes changed since the
 * snapshot's generation (Kubernetes does the same).
 */
public final class SchedulerCache {

    /** Where one pod is counted. */
    private record PodState(PodInfo pod, String node, boolean assumed) {
    }

    /** A node's info in the list by last change. */
    private static final class Entry {
        final NodeInfo info;
        long generation;
        Entry newer;
        Entry older;

        Entry(NodeInfo info) {
            this.info = info;
        }
    }

    private final Map<String, Entry> nodes = new LinkedHashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    /** The most recently changed node. */
    private Entry head;
    private long generation;
    /** The generation at which the set of nodes in snapshots last changed (a node added or removed). */
    private long membershipGeneration;
    /** Nodes with a node object: those a snapshot holds. */
    private int nodesWithObject;
    private int assumed;

    // ------------------------------------------------------------------ pods

    /**
     * Counts the pod on the node before its binding is written.
     *
     * @throws IllegalStateException if the cache counts the pod already
     */
    public synchronized void assumePod(PodInfo pod, String nodeName) {
        if (pods.containsKey(pod.key())) {
            throw new IllegalStateException("pod " + pod.key() + " is in the cache already");
        }
        addToNode(pod, nodeName);
        pods.put(pod.key(), new PodState(pod, nodeName, true));
        assumed++;
    }

    /** The assumed pod's binding failed: it no longer counts on its node. A pod that is not assumed is left alone. */
    public synchronized void forgetPod(String key) {
        PodState state = pods.get(key);
        if (state != null && state.assumed()) {
            removeFromNode(state.pod(), state.node());
            pods.remove(key);
            assumed--;
        }
    }

    public synchronized boolean isAssumed(String key) {
        PodState state = pods.get(key);
        return state != null && state.assumed();
    }

    /**
     * A pod seen bound to a node: confirms its assumption (on the node it is really bound to, should
     * that differ), or counts it (bound by another scheduler, or before this one started).
     */
    public synchronized void addPod(PodInfo pod) {
        String node = pod.nodeName();
        PodState state = pods.get(pod.key());
        if (state != null) {
            removeFromNode(state.pod(), state.node());
            if (state.assumed()) {
                assumed--;
            }
        }
        addToNode(pod, node);
        pods.put(pod.key(), new PodState(pod, node, false));
    }

    /** A bound pod changed (labels, resources, its deletion began): counted with its new state. */
    public synchronized void updatePod(PodInfo pod) {
        addPod(pod);
    }

    /** The pod is gone: it no longer counts, assumed or bound. */
    public synchronized void removePod(String key) {
        PodState state = pods.remove(key);
        if (state != null) {
            removeFromNode(state.pod(), state.node());
            if (state.assumed()) {
                assumed--;
            }
        }
    }

    // ------------------------------------------------------------------ nodes

    public synchronized void addNode(Node node) {
        updateNode(node);
    }

    /** A node appeared or changed: its labels, taints, allocatable amounts are taken. */
    public synchronized void updateNode(Node node) {
        String name = node.getMetadata().getName();
        Entry entry = nodes.get(name);
        if (entry == null) {
            entry = new Entry(new NodeInfo(name));
            nodes.put(name, entry);
        }
        if (entry.info.node() == null) {
            nodesWithObject++;
            membershipGeneration = generation + 1;
        }
        entry.info.setNode(node);
        touch(entry);
    }

    /** A node was deleted. Pods still bound to it stay counted until they are deleted too. */
    public synchronized void removeNode(String name) {
        Entry entry = nodes.get(name);
        if (entry == null || entry.info.node() == null) {
            return;
        }
        entry.info.clearNode();
        nodesWithObject--;
        membershipGeneration = generation + 1;
        if (entry.info.pods().isEmpty()) {
            unlink(entry);
            nodes.remove(name);
            generation++;
        } else {
            touch(entry);
        }
    }

    // ------------------------------------------------------------------ snapshot

    /**
     * Brings the snapshot up to date: copies of the nodes changed since its generation, or of all
     * of them when nodes were added or removed since. Nodes known only through their pods are left out.
     */
    public synchronized void updateSnapshot(Snapshot snapshot) {
        if (snapshot.generation() >= generation) {
            return;
        }
        if (membershipGeneration > snapshot.generation()) {
            snapshot.clear();
            for (Entry entry : nodes.values()) {
                if (entry.info.node() != null) {
                    snapshot.put(entry.info.copy());
                }
            }
        } else {
            for (Entry entry = head; entry != null && entry.generation > snapshot.generation(); entry = entry.older) {
                if (entry.info.node() != null) {
                    snapshot.put(entry.info.copy());
                }
            }
        }
        snapshot.setGeneration(generation);
    }

    /** Nodes known (with a node object), pods counted, and pods assumed. */
    public synchronized Counts counts() {
        return new Counts(nodesWithObject, pods.size(), assumed);
    }

    /** The cache's sizes. */
    public record Counts(int nodes, int pods, int assumedPods) {
    }

    // ------------------------------------------------------------------ internals

    private void addToNode(PodInfo pod, String nodeName) {
        Entry entry = nodes.get(nodeName);
        if (entry == null) {
            entry = new Entry(new NodeInfo(nodeName));
            nodes.put(nodeName, entry);
        }
        entry.info.addPod(pod);
        touch(entry);
    }

    private void removeFromNode(PodInfo pod, String nodeName) {
        Entry entry = nodes.get(nodeName);
        if (entry == null) {
            return;
        }
        entry.info.removePod(pod.key());
        if (entry.info.node() == null && entry.info.pods().isEmpty()) {
            unlink(entry);
            nodes.remove(nodeName);
            generation++;
        } else {
            touch(entry);
        }
    }

    /** Marks the entry changed: a new generation, and first in the list. */
    private void touch(Entry entry) {
        entry.generation = ++generation;
        if (head == entry) {
            return;
        }
        unlink(entry);
        entry.older = head;
        if (head != null) {
            head.newer = entry;
        }
        head = entry;
    }

    private void unlink(Entry entry) {
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        }
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        }
        if (head == entry) {
            head = entry.older;
        }
        entry.newer = null;
        entry.older = null;
    }
}
