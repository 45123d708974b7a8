package dev.skiff.scheduler.framework;

/**
 * A change to the cluster that may make an unschedulable pod fit: what changed (a node, or a pod
 * bound to a node) and how, as a set of action bits.
 */
public record ClusterEvent(Resource resource, int actions) {

    public enum Resource { NODE, ASSIGNED_POD }

    public static final int ADD = 1;
    public static final int DELETE = 1 << 1;
    public static final int UPDATE_LABEL = 1 << 2;
    public static final int UPDATE_TAINT = 1 << 3;
    public static final int UPDATE_ALLOCATABLE = 1 << 4;
    public static final int UPDATE_UNSCHEDULABLE = 1 << 5;
    public static final int UPDATE = UPDATE_LABEL | UPDATE_TAINT | UPDATE_ALLOCATABLE | UPDATE_UNSCHEDULABLE;
    public static final int ALL = ADD | DELETE | UPDATE;

    public static ClusterEvent node(int actions) {
        return new ClusterEvent(Resource.NODE, actions);
    }

    public static ClusterEvent assignedPod(int actions) {
        return new ClusterEvent(Resource.ASSIGNED_POD, actions);
    }

    /** Whether this event is one of those the registration (a plugin's interest) covers. */
    public boolean matches(ClusterEvent registered) {
        return resource == registered.resource && (actions & registered.actions) != 0;
    }
}
