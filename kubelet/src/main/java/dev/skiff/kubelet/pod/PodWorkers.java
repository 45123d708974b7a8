package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One worker per pod, as the Kubernetes kubelet has: a pod's syncs never overlap, triggers that
 * arrive while it syncs fold into one more pass, and different pods sync in parallel (a pod that
 * waits out a long grace period holds up no other). Each worker runs on a pooled thread only while
 * it has work. The pods the kubelet should run (from the informer) are kept here by UID.
 */
public final class PodWorkers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PodWorkers.class);
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(5);

    private final PodSync sync;
    private final ScheduledExecutorService timer;
    private final ExecutorService pool;
    private final Map<String, Pod> desired = new ConcurrentHashMap<>();
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PodWorkers(PodSync sync, ScheduledExecutorService timer) {
        this.sync = sync;
        this.timer = timer;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pod-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The pod as it should now run (added or changed). */
    public void update(Pod pod) {
        desired.put(pod.getMetadata().getUid(), pod);
        trigger(pod.getMetadata().getUid());
    }

    /** The pod is no longer this node's to run. */
    public void remove(Pod pod) {
        desired.remove(pod.getMetadata().getUid());
        trigger(pod.getMetadata().getUid());
    }

    public Optional<Pod> pod(String uid) {
        return Optional.ofNullable(desired.get(uid));
    }

    public Collection<Pod> pods() {
        return List.copyOf(desired.values());
    }

    public boolean isDesired(String uid) {
        return desired.containsKey(uid);
    }

    /** Whether the pod's worker is syncing it now, or about to. */
    public boolean isSyncing(String uid) {
        Worker worker = workers.get(uid);
        return worker != null && worker.scheduled.get();
    }

    /** Every pod should be looked at again (the periodic resync). */
    public void triggerAll() {
        desired.keySet().forEach(this::trigger);
    }

    /** The pod (running, to run, or gone with containers left) should be looked at again. */
    public void trigger(String uid) {
        if (closed) {
            return;
        }
        workers.computeIfAbsent(uid, Worker::new).trigger();
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
    }

    private final class Worker {
        private final String uid;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean dirty;

        Worker(String uid) {
            this.uid = uid;
        }

        void trigger() {
            dirty = true;
            if (scheduled.compareAndSet(false, true)) {
                try {
                    pool.execute(this::run);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false);
                }
            }
        }

        private void run() {
            while (true) {
                dirty = false;
                syncOnce();
                scheduled.set(false);
                if (!dirty || closed || !scheduled.compareAndSet(false, true)) {
                    break;
                }
            }
            if (!desired.containsKey(uid)) {
                workers.remove(uid, this);
            }
        }

        private void syncOnce() {
            Pod pod = desired.get(uid);
            Duration retry;
            try {
                retry = sync.sync(uid, pod).retryIn();
            } catch (RuntimeException e) {
                String name = pod == null ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                LOG.warnf(e, "sync of pod %s failed; retrying in %ss", name, RETRY_AFTER_ERROR.toSeconds());
                retry = RETRY_AFTER_ERROR;
            }
            if (retry != null && !closed) {
                timer.schedule(() -> PodWorkers.this.trigger(uid), Math.max(1, retry.toMillis()), TimeUnit.MILLISECONDS);
            }
        }
    }
}
