package dev.skiff.scheduler.queue;

import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.PodInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The pending pods, as Kubernetes' priority queue, in three parts:
 * <ul>
 *   <li><b>active</b>: ready to be tried, highest {@code spec.priority} first, then the longest
 *       queued;</li>
 *   <li><b>backoff</b>: tried and failed recently; each waits {@code initialBackoff} doubling with
 *       every attempt up to {@code maxBackoff} after it was queued again, then becomes active;</li>
 *   <li><b>unschedulable</b>: fitted no node; each waits for a cluster event that the plugins which
 *       rejected it registered for (a node added, a pod deleted, …; see
 *       {@link dev.skiff.scheduler.framework.EnqueueExtensions}), and at most
 *       {@code maxUnschedulableDuration}, then goes to backoff or active.</li>
 * </ul>
 * A pod popped and still being scheduled is "in flight": if the cluster changed meanwhile (a move
 * request since its cycle began) or the pod itself did, and it then fits nowhere, it goes to
 * backoff rather than waiting for an event that has already happened. Thread-safe.
 */
public final class SchedulingQueue {

    /** How often pods left in unschedulable too long are looked for, at most. */
    private static final long LEFTOVER_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final long initialBackoff;
    private final long maxBackoff;
    private final long maxUnschedulable;
    private final LongSupplier clock;
    private final Map<String, Set<ClusterEvent>> pluginEvents;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<QueuedPodInfo> active = new TreeSet<>(Comparator
            .comparingInt((QueuedPodInfo p) -> -p.pod().priority())
            .thenComparingLong(p -> p.timestamp)
            .thenComparingLong(QueuedPodInfo::sequence));
    private final TreeSet<QueuedPodInfo> backoff = new TreeSet<>(Comparator
            .comparingLong(this::backoffExpiry)
            .thenComparingLong(QueuedPodInfo::sequence));
    private final Map<String, QueuedPodInfo> unschedulable = new LinkedHashMap<>();
    /** Unschedulable pods by the plugin that rejected them; pods no plugin rejected under "". */
    private final Map<String, Set<String>> unschedulableByPlugin = new HashMap<>();
    /** Every pod in active, backoff or unschedulable. */
    private final Map<String, QueuedPodInfo> queued = new HashMap<>();
    private final Map<String, QueuedPodInfo> inFlight = new HashMap<>();
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private long nextLeftoverCheck;
    private long sequence;
    private boolean closed;

    /**
     * @param initialBackoff           the first back-off (Kubernetes: 1 s)
     * @param maxBackoff               the longest back-off (Kubernetes: 10 s)
     * @param maxUnschedulableDuration the longest an unschedulable pod waits for an event (Kubernetes: 5 min)
     * @param pluginEvents             the events each plugin registered for ({@code Framework.eventsToRegister()})
     * @param clock                    nanoseconds, as {@link System#nanoTime()}
     */
    public SchedulingQueue(Duration initialBackoff, Duration maxBackoff, Duration maxUnschedulableDuration,
                           Map<String, Set<ClusterEvent>> pluginEvents, LongSupplier clock) {
        this.initialBackoff = initialBackoff.toNanos();
        this.maxBackoff = maxBackoff.toNanos();
        this.maxUnschedulable = maxUnschedulableDuration.toNanos();
        this.pluginEvents = Map.copyOf(pluginEvents);
        this.clock = clock;
        this.nextLeftoverCheck = clock.getAsLong() + Math.min(LEFTOVER_CHECK_NANOS, this.maxUnschedulable);
    }

    /** A new pending pod: active at once. A pod already queued is updated instead. */
    public void add(PodInfo pod) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (queued.containsKey(pod.key()) || inFlight.containsKey(pod.key())) {
                updateLocked(pod);
                return;
            }
            QueuedPodInfo info = new QueuedPodInfo(pod, clock.getAsLong(), sequence++);
            toActive(info);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pending pod changed. In active or backoff it is updated where it is; unschedulable, it is
     * tried again if its spec, labels or annotations changed (not for a status change, such as the
     * scheduler's own condition); in flight, its newest state is kept for when it comes back. A pod
     * the queue does not hold is added.
     */
    public void update(PodInfo pod) {
        lock.lock();
        try {
            if (!closed) {
                updateLocked(pod);
            }
        } finally {
            lock.unlock();
        }
    }

    private void updateLocked(PodInfo pod) {
        QueuedPodInfo flying = inFlight.get(pod.key());
        if (flying != null) {
            flying.updatedInFlight = pod;
            return;
        }
        QueuedPodInfo info = queued.get(pod.key());
        if (info == null) {
            toActive(new QueuedPodInfo(pod, clock.getAsLong(), sequence++));
            return;
        }
        switch (info.location) {
            case ACTIVE -> {
                active.remove(info);
                info.setPod(pod);
                active.add(info);
            }
            case BACKOFF -> info.setPod(pod);
            case UNSCHEDULABLE -> {
                boolean relevant = isSchedulingRelevantChange(info.pod(), pod);
                info.setPod(pod);
                if (relevant) {
                    removeUnschedulable(info);
                    toActiveOrBackoff(info, clock.getAsLong());
                }
            }
            default -> throw new IllegalStateException("queued pod " + info + " in an unexpected place");
        }
    }

    /** The pod is gone, or no longer this scheduler's to place (bound, deleted). */
    public void delete(String key) {
        lock.lock();
        try {
            QueuedPodInfo flying = inFlight.get(key);
            if (flying != null) {
                flying.deletedInFlight = true;
            }
            QueuedPodInfo info = queued.remove(key);
            if (info == null) {
                return;
            }
            switch (info.location) {
                case ACTIVE -> active.remove(info);
                case BACKOFF -> backoff.remove(info);
                case UNSCHEDULABLE -> removeUnschedulable(info);
                default -> throw new IllegalStateException("queued pod " + info + " in an unexpected place");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for an active pod and hands it out (in flight), moving pods whose back-off is over into
     * active first. Null once the queue is closed.
     */
    public QueuedPodInfo pop() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = clock.getAsLong();
                flushLocked(now);
                QueuedPodInfo next = active.pollFirst();
                if (next != null) {
                    queued.remove(next.key());
                    next.location = QueuedPodInfo.Location.IN_FLIGHT;
                    next.attempts++;
                    next.cycle = ++schedulingCycle;
                    next.updatedInFlight = null;
                    next.deletedInFlight = false;
                    inFlight.put(next.key(), next);
                    return next;
                }
                long wait = nextLeftoverCheck - now;
                if (!backoff.isEmpty()) {
                    wait = Math.min(wait, backoffExpiry(backoff.first()) - now);
                }
                changed.awaitNanos(Math.max(wait, 1));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the pods whose back-off is over into active, and the unschedulable pods that waited
     * longer than {@code maxUnschedulableDuration} out (looked for every 30 s at most). {@link #pop()}
     * does this itself; tests on a clock of their own call it after moving the clock.
     */
    void flush() {
        lock.lock();
        try {
            flushLocked(clock.getAsLong());
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked(long now) {
        flushBackoffCompleted(now);
        if (now - nextLeftoverCheck >= 0) {
            flushUnschedulableLeftover(now);
            nextLeftoverCheck = now + Math.min(LEFTOVER_CHECK_NANOS, maxUnschedulable);
        }
    }

    /** The popped pod was assumed on a node: the queue lets go of it (a failed bind brings it back through {@link #requeueAfterError}). */
    public void done(QueuedPodInfo info) {
        lock.lock();
        try {
            inFlight.remove(info.key(), info);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The popped pod fits no node; {@code plugins} rejected it. It waits in unschedulable for an
     * event those plugins registered for — or goes to backoff if the cluster or the pod changed
     * while it was being scheduled. A pod deleted meanwhile is dropped.
     *
     * @param latest the pod as the informer holds it now
     */
    public void addUnschedulable(QueuedPodInfo info, PodInfo latest, Set<String> plugins) {
        lock.lock();
        try {
            if (!takeBack(info, latest)) {
                return;
            }
            info.unschedulablePlugins = Set.copyOf(plugins);
            if (moveRequestCycle >= info.cycle || info.updatedInFlight != null) {
                adoptUpdate(info);
                toBackoff(info);
            } else {
                info.location = QueuedPodInfo.Location.UNSCHEDULABLE;
                unschedulable.put(info.key(), info);
                for (String plugin : plugins.isEmpty() ? Set.of("") : plugins) {
                    unschedulableByPlugin.computeIfAbsent(plugin, p -> new HashSet<>()).add(info.key());
                }
                queued.put(info.key(), info);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scheduling or binding the pod failed for a reason other than fit (an API error): it is tried
     * again after its back-off, unless it was deleted or is queued anew meanwhile.
     *
     * @param latest the pod as the informer holds it now
     */
    public void requeueAfterError(QueuedPodInfo info, PodInfo latest) {
        lock.lock();
        try {
            if (!takeBack(info, latest)) {
                return;
            }
            adoptUpdate(info);
            info.unschedulablePlugins = Set.of();
            toBackoff(info);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A cluster event happened: every unschedulable pod that a plugin interested in the event
     * rejected (or that no plugin rejected) goes to backoff, or to active if its back-off is over.
     */
    public void moveOnEvent(ClusterEvent event) {
        lock.lock();
        try {
            moveRequestCycle = schedulingCycle;
            if (unschedulable.isEmpty()) {
                return;
            }
            Set<String> keys = new HashSet<>(unschedulableByPlugin.getOrDefault("", Set.of()));
            pluginEvents.forEach((plugin, registered) -> {
                Set<String> rejected = unschedulableByPlugin.get(plugin);
                if (rejected != null && registered.stream().anyMatch(event::matches)) {
                    keys.addAll(rejected);
                }
            });
            long now = clock.getAsLong();
            for (String key : keys) {
                QueuedPodInfo info = unschedulable.get(key);
                removeUnschedulable(info);
                toActiveOrBackoff(info, now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out pods: {@link #pop()} returns null. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The number of pods in active, backoff and unschedulable, and in flight. */
    public Counts counts() {
        lock.lock();
        try {
            return new Counts(active.size(), backoff.size(), unschedulable.size(), inFlight.size());
        } finally {
            lock.unlock();
        }
    }

    /** How many pods are where. */
    public record Counts(int active, int backoff, int unschedulable, int inFlight) {
        public int pending() {
            return active + backoff + unschedulable + inFlight;
        }
    }

    // ------------------------------------------------------------------ internals

    /** Takes a pod back from flight, in its latest state; false if it is to be dropped (deleted, or already queued again). */
    private boolean takeBack(QueuedPodInfo info, PodInfo latest) {
        inFlight.remove(info.key(), info);
        if (closed || info.deletedInFlight || queued.containsKey(info.key())) {
            return false;
        }
        info.setPod(latest);
        info.timestamp = clock.getAsLong();
        return true;
    }

    private static void adoptUpdate(QueuedPodInfo info) {
        if (info.updatedInFlight != null) {
            info.setPod(info.updatedInFlight);
            info.updatedInFlight = null;
        }
    }

    private void flushBackoffCompleted(long now) {
        while (!backoff.isEmpty() && backoffExpiry(backoff.first()) - now <= 0) {
            QueuedPodInfo info = backoff.pollFirst();
            info.location = QueuedPodInfo.Location.ACTIVE;
            active.add(info);
        }
    }

    private void flushUnschedulableLeftover(long now) {
        List<QueuedPodInfo> due = new ArrayList<>();
        for (QueuedPodInfo info : unschedulable.values()) {
            if (now - info.timestamp >= maxUnschedulable) {
                due.add(info);
            }
        }
        for (QueuedPodInfo info : due) {
            removeUnschedulable(info);
            toActiveOrBackoff(info, now);
        }
    }

    private void removeUnschedulable(QueuedPodInfo info) {
        unschedulable.remove(info.key());
        for (String plugin : info.unschedulablePlugins.isEmpty() ? Set.of("") : info.unschedulablePlugins) {
            Set<String> keys = unschedulableByPlugin.get(plugin);
            if (keys != null && keys.remove(info.key()) && keys.isEmpty()) {
                unschedulableByPlugin.remove(plugin);
            }
        }
    }

    private void toActiveOrBackoff(QueuedPodInfo info, long now) {
        if (backoffExpiry(info) - now > 0) {
            toBackoff(info);
        } else {
            toActive(info);
        }
    }

    private void toActive(QueuedPodInfo info) {
        info.location = QueuedPodInfo.Location.ACTIVE;
        active.add(info);
        queued.put(info.key(), info);
        changed.signal();
    }

    private void toBackoff(QueuedPodInfo info) {
        info.location = QueuedPodInfo.Location.BACKOFF;
        backoff.add(info);
        queued.put(info.key(), info);
        changed.signal();
    }

    /** When the pod's back-off ends: its last queueing plus initial × 2^(attempts-1), at most the maximum. */
    private long backoffExpiry(QueuedPodInfo info) {
        long duration = initialBackoff;
        for (int i = 1; i < info.attempts && duration < maxBackoff; i++) {
            duration *= 2;
        }
        return info.timestamp + Math.min(duration, maxBackoff);
    }

    /** Whether a change may make the pod fit where it did not: anything but its status and bookkeeping. */
    private static boolean isSchedulingRelevantChange(PodInfo before, PodInfo after) {
        return !Objects.equals(before.pod().getSpec(), after.pod().getSpec())
                || !Objects.equals(before.pod().getMetadata().getLabels(), after.pod().getMetadata().getLabels())
                || !Objects.equals(before.pod().getMetadata().getAnnotations(), after.pod().getMetadata().getAnnotations());
    }
}
