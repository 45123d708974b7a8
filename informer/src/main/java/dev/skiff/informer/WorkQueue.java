package dev.skiff.informer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of keys to reconcile, with client-go's rate-limiting work queue semantics:
 * <ul>
 *   <li>a key added while it waits in the queue is queued once;</li>
 *   <li>a key added while a worker processes it (between {@link #get()} and {@link #done}) is
 *       queued again when the worker calls {@code done}, so no two workers hold the same key;</li>
 *   <li>{@link #addAfter} adds a key once a delay has passed (a key already waiting keeps the
 *       earlier time), {@link #addRateLimited} after the key's exponential back-off, which
 *       {@link #forget} resets;</li>
 *   <li>after {@link #shutDown()} adds are ignored, and {@link #get()} hands out what is left,
 *       then returns empty.</li>
 * </ul>
 * Thread-safe. A worker loop: {@code for (var key = q.get(); key.isPresent(); key = q.get()) { try {
 * reconcile(key.get()); q.forget(key.get()); } catch (Exception e) { q.addRateLimited(key.get()); }
 * finally { q.done(key.get()); } }}.
 */
public final class WorkQueue<K> {

    private final ExponentialBackoffRateLimiter<K> rateLimiter;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the queue gets a key or shuts down. */
    private final Condition keyAvailable = lock.newCondition();
    /** Signalled when the earliest delayed add may have changed, or on shutdown. */
    private final Condition delaysChanged = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need processing: queued, or added again while being processed. */
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    /** The time (System.nanoTime) each delayed key is due; the heap may hold stale entries, this map is the truth. */
    private final Map<K, Long> dueAt = new HashMap<>();
    private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>();
    private boolean shuttingDown;
    private Thread delayThread;

    /** A queue with client-go's default back-off: 5 ms doubling to 1000 s. */
    public WorkQueue() {
        this(ExponentialBackoffRateLimiter.DEFAULT_BASE_DELAY, ExponentialBackoffRateLimiter.DEFAULT_MAX_DELAY);
    }

    /** A queue whose rate-limited adds back off from {@code baseDelay} doubling to {@code maxDelay}. */
    public WorkQueue(Duration baseDelay, Duration maxDelay) {
        this.rateLimiter = new ExponentialBackoffRateLimiter<>(baseDelay, maxDelay);
    }

    /** Queues the key unless it is queued already (or being processed: then it is queued on {@link #done}). */
    public void add(K key) {
        lock.lock();
        try {
            addLocked(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a key and marks it as being processed; the caller must call {@link #done} with it.
     * Empty once the queue is shut down and drained.
     */
    public Optional<K> get() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                keyAvailable.await();
            }
            K key = queue.poll();
            if (key == null) {
                return Optional.empty();
            }
            processing.add(key);
            dirty.remove(key);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the processing of a key; if it was added meanwhile, it is queued again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                queue.add(key);
                keyAvailable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key once the delay has passed; if it already waits for an earlier time, that time stands. */
    public void addAfter(K key, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            long due = System.nanoTime() + delay.toNanos();
            Long current = dueAt.get(key);
            if (current != null && current - due <= 0) {
                return;
            }
            dueAt.put(key, due);
            delayed.add(new Delayed<>(key, due));
            startDelayThreadLocked();
            delaysChanged.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key after its back-off: 5 ms (or the configured base) doubling with each retry until {@link #forget}. */
    public void addRateLimited(K key) {
        addAfter(key, rateLimiter.when(key));
    }

    /** Resets the key's back-off, typically after it was processed successfully. */
    public void forget(K key) {
        rateLimiter.forget(key);
    }

    /** Rate-limited adds of the key since it was last forgotten. */
    public int numRequeues(K key) {
        return rateLimiter.numRequeues(key);
    }

    /** Keys waiting to be handed out (not those being processed or delayed). */
    public int len() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Ignores further adds, drops delayed ones, and lets {@link #get()} return empty once the queue is drained. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            dueAt.clear();
            delayed.clear();
            keyAvailable.signalAll();
            delaysChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.add(key);
            keyAvailable.signal();
        }
    }

    private void startDelayThreadLocked() {
        if (delayThread == null) {
            delayThread = new Thread(this::moveDueKeys, "skiff-workqueue-delays");
            delayThread.setDaemon(true);
            delayThread.start();
        }
    }

    /** The delay thread: adds each delayed key when it is due, until shutdown. */
    private void moveDueKeys() {
        lock.lock();
        try {
            while (!shuttingDown) {
                Delayed<K> next = delayed.peek();
                if (next == null) {
                    delaysChanged.await();
                    continue;
                }
                long wait = next.due - System.nanoTime();
                if (wait > 0) {
                    delaysChanged.await(wait, TimeUnit.NANOSECONDS);
                    continue;
                }
                delayed.poll();
                if (dueAt.remove(next.key, next.due)) {
                    addLocked(next.key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private record Delayed<K>(K key, long due) implements Comparable<Delayed<K>> {
        @Override
        public int compareTo(Delayed<K> other) {
            return Long.compare(due - other.due, 0);
        }
    }
}
