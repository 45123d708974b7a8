package dev.skiff.scheduler;

import dev.skiff.scheduler.binding.Binder;
import dev.skiff.scheduler.binding.PodStatusWriter;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.Diagnosis;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import dev.skiff.scheduler.framework.Status;
import dev.skiff.scheduler.queue.QueuedPodInfo;
import dev.skiff.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The scheduling loop, as Kubernetes' {@code scheduleOne}: pop the next pod, place it
 * ({@link SchedulingAlgorithm}), assume it on the chosen node in the cache, run Reserve, and hand
 * it to the {@link Binder}; the loop goes on with the next pod while the binding is written. A pod
 * that fits nowhere gets its {@code PodScheduled=False} condition and a {@code FailedScheduling}
 * event and waits in the queue; a failed binding undoes the assumption and retries the pod after a
 * back-off.
 */
public final class Scheduler implements Binder.Outcome {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    static final String REASON_UNSCHEDULABLE = "Unschedulable";
    static final String REASON_ERROR = "SchedulerError";

    private final Framework framework;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final SchedulingAlgorithm algorithm;
    private final PodStatusWriter statusWriter;
    private final SchedulingEvents events;
    private final Function<String, Pod> currentPod;
    private final Binder binder;
    private final Snapshot snapshot = new Snapshot();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile Thread loop;

    /**
     * @param currentPod the pod with the key as the informer holds it now, or null if it is gone
     * @param bindParallelism bindings written at once at most
     */
    public Scheduler(Framework framework, SchedulingQueue queue, SchedulerCache cache, SchedulingAlgorithm algorithm,
                     PodStatusWriter statusWriter, SchedulingEvents events, Function<String, Pod> currentPod,
                     int bindParallelism) {
        this.framework = framework;
        this.queue = queue;
        this.cache = cache;
        this.algorithm = algorithm;
        this.statusWriter = statusWriter;
        this.events = events;
        this.currentPod = currentPod;
        this.binder = new Binder(framework, bindParallelism, this);
    }

    /** Starts the loop on a thread of its own. */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("the scheduler starts once");
        }
        Thread thread = new Thread(this::run, "scheduler");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    /** Stops taking pods, and lets the bindings already started end (waiting at most {@code wait}). */
    public void stop(Duration wait) {
        queue.close();
        Thread thread = loop;
        if (thread != null) {
            try {
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        binder.close(wait);
    }

    public boolean isRunning() {
        Thread thread = loop;
        return thread != null && thread.isAlive();
    }

    /** Pods bound so far, and scheduling attempts that failed (unschedulable, errors). */
    public Stats stats() {
        return new Stats(scheduled.get(), failedAttempts.get(), binder.inFlight());
    }

    /** The loop's counters. */
    public record Stats(long scheduled, long failedAttempts, int bindingsInFlight) {
    }

    private void run() {
        try {
            for (QueuedPodInfo pod = queue.pop(); pod != null; pod = queue.pop()) {
                try {
                    scheduleOne(pod);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "scheduling pod " + pod.key() + " failed", e);
                    queue.requeueAfterError(pod, pod.pod());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pod's scheduling cycle. */
    void scheduleOne(QueuedPodInfo queued) {
        PodInfo pod = queued.pod();
        if (skip(pod)) {
            queue.done(queued);
            return;
        }
        cache.updateSnapshot(snapshot);
        CycleState state = new CycleState(snapshot);
        SchedulingAlgorithm.Result result = algorithm.schedule(framework, state, pod);
        LOG.log(System.Logger.Level.DEBUG, () -> "pod " + pod.key() + " (attempt " + queued.attempts() + "): "
                + (result.node() != null ? "node " + result.node() + ", " + result.feasibleNodes() + " feasible of "
                + result.evaluatedNodes() + " evaluated" : result.diagnosis() != null ? result.diagnosis().message() : result.error()));
        if (result.node() == null) {
            failed(queued, result.diagnosis(), result.error());
            return;
        }
        cache.assumePod(pod, result.node());
        Status reserve = framework.runReserve(state, pod, result.node());
        if (!reserve.isSuccess()) {
            cache.forgetPod(pod.key());
            failed(queued, reserve.isRejected() ? Diagnosis.preFiltered(snapshot.size(), reserve) : null, reserve);
            return;
        }
        queue.done(queued);
        binder.bind(state, queued, result.node());
    }

    /** Kubernetes' {@code skipPodSchedule}: a pod being deleted, or assumed already (its binding is under way). */
    private boolean skip(PodInfo pod) {
        return pod.isTerminating() || cache.isAssumed(pod.key());
    }

    @Override
    public void bound(QueuedPodInfo pod, String nodeName) {
        scheduled.incrementAndGet();
        events.scheduled(pod.pod(), nodeName);
    }

    @Override
    public void failed(QueuedPodInfo pod, CycleState state, String nodeName, Status status) {
        framework.runUnreserve(state, pod.pod(), nodeName);
        cache.forgetPod(pod.key());
        // the room the pod was assumed to take is free again
        queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.DELETE));
        LOG.log(System.Logger.Level.WARNING, "binding pod {0} to {1} failed: {2}", pod.key(), nodeName, status.message());
        failed(pod, null, Status.error("Binding rejected: " + status.message()));
    }

    /**
     * The pod could not be placed: tells the user (event, condition) and queues it again — as
     * unschedulable with a diagnosis, to back off after an error. A pod that is gone or bound
     * meanwhile is let go.
     */
    private void failed(QueuedPodInfo queued, Diagnosis diagnosis, Status error) {
        failedAttempts.incrementAndGet();
        Pod current = currentPod.apply(queued.key());
        if (current == null || (current.getSpec() != null && current.getSpec().getNodeName() != null
                && !current.getSpec().getNodeName().isEmpty())) {
            queue.done(queued);
            return;
        }
        PodInfo pod = PodInfo.of(current);
        String reason = diagnosis != null ? REASON_UNSCHEDULABLE : REASON_ERROR;
        String message = diagnosis != null ? diagnosis.message() : error.message();
        events.failedScheduling(pod, message);
        try {
            statusWriter.setNotScheduled(pod, reason, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the PodScheduled condition of {0}: {1}", pod.key(), e.getMessage());
        }
        if (diagnosis != null) {
            queue.addUnschedulable(queued, pod, diagnosis.unschedulablePlugins());
        } else {
            queue.requeueAfterError(queued, pod);
        }
    }
}
