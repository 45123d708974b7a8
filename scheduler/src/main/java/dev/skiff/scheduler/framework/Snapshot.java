package dev.skiff.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes as one scheduling cycle sees them: copies of the cache's {@link NodeInfo}s, brought up
 * to date at the start of each cycle (only the nodes that changed are copied again) and not changed
 * while the cycle runs, so plugins on several threads can read it without locks.
 */
public final class Snapshot {

    private final List<NodeInfo> nodes = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    /** The cache generation this snapshot reflects; maintained by the cache. */
    private long generation = -1;

    /** The nodes, in a stable order (the order in which they were first seen). */
    public List<NodeInfo> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The node with the name, or null. */
    public NodeInfo get(String name) {
        Integer position = positions.get(name);
        return position == null ? null : nodes.get(position);
    }

    public int size() {
        return nodes.size();
    }

    /** Adds the node or replaces the copy held of it. For the cache. */
    public void put(NodeInfo node) {
        Integer position = positions.get(node.name());
        if (position == null) {
            positions.put(node.name(), nodes.size());
            nodes.add(node);
        } else {
            nodes.set(position, node);
        }
    }

    /** Drops every node. For the cache, before it puts all of them again. */
    public void clear() {
        nodes.clear();
        positions.clear();
    }

    public long generation() {
        return generation;
    }

    /** Records that the snapshot reflects the cache at this generation. For the cache. */
    public void setGeneration(long generation) {
        this.generation = generation;
    }
}
