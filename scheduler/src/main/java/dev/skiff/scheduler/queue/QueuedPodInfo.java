package dev.skiff.scheduler.queue;

import dev.skiff.scheduler.framework.PodInfo;

import java.util.Set;

/**
 * A pending pod as the {@link SchedulingQueue} holds it: the newest state of the pod, when it was
 * last queued, how often it has been tried, and which plugins rejected it last time. Its fields
 * are guarded by the queue's lock; the scheduling cycle reads {@link #pod()} of the copy it popped.
 */
public final class QueuedPodInfo {

    enum Location { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

    private final long sequence;
    private PodInfo pod;
    /** When the pod was last put in the queue (System.nanoTime scale of the queue's clock). */
    long timestamp;
    int attempts;
    long cycle;
    Location location;
    Set<String> unschedulablePlugins = Set.of();
    /** The pod changed while it was being scheduled; the newest state. */
    PodInfo updatedInFlight;
    boolean deletedInFlight;

    QueuedPodInfo(PodInfo pod, long now, long sequence) {
        this.pod = pod;
        this.timestamp = now;
        this.sequence = sequence;
    }

    /** The pod, as it was when popped. */
    public PodInfo pod() {
        return pod;
    }

    void setPod(PodInfo pod) {
        this.pod = pod;
    }

    public String key() {
        return pod.key();
    }

    /** How many times the pod has been popped to be scheduled. */
    public int attempts() {
        return attempts;
    }

    long sequence() {
        return sequence;
    }

    @Override
    public String toString() {
        return pod.key() + " (" + location + ", attempt " + attempts + ")";
    }
}
