package dev.skiff.systemtests.harness;

import dev.skiff.systemtests.harness.ConfigMapClient.Response;
import dev.skiff.systemtests.harness.WritePlan.Write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WritePlan} written on a thread of its own through an api-server, one write after the
 * other, recording the resourceVersion each committed. A write that got no answer (the server was
 * killed, or is down) is retried until it is answered; whether the lost attempt committed is then
 * settled by the answer, as a careful client does: every update and delete carries the
 * resourceVersion it expects, so a repeat of a committed write is refused (AlreadyExists, Conflict,
 * NotFound) instead of committing twice, and the committed version is read back (a GET, or for a
 * delete etcd's history).
 */
public final class WriteStream implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WriteStream.class.getName());
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(90);

    private final WritePlan plan;
    private final ConfigMapClient client;
    private final StoreHistory history;
    private final Map<String, Long> versions = new HashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "write-stream"));
    private final Future<List<Change>> committed;

    private WriteStream(WritePlan plan, ConfigMapClient client, StoreHistory history) {
        this.plan = plan;
        this.client = client;
        this.history = history;
        this.committed = thread.submit(this::writeAll);
    }

    /**
     * Starts writing.
     *
     * @param history where a delete whose answer was lost is looked up
     */
    public static WriteStream start(WritePlan plan, ConfigMapClient client, StoreHistory history) {
        return new WriteStream(plan, client, history);
    }

    /** How many writes have committed so far. */
    public int completed() {
        return completed.get();
    }

    /**
     * Waits until every write has committed and returns the changes, in the order they committed.
     *
     * @throws AssertionError if a write failed or the deadline passed
     */
    public List<Change> awaitCommitted(Duration deadline) {
        try {
            return committed.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the write stream failed after " + completed() + " writes: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the write stream did not finish within " + deadline.toSeconds() + " s ("
                    + completed() + " of " + plan.size() + " writes done)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the write stream", e);
        }
    }

    /** Stops writing (if it still does). */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    private List<Change> writeAll() throws InterruptedException {
        List<Change> changes = new ArrayList<>(plan.size());
        for (Write write : plan.writes()) {
            long resourceVersion = commit(write);
            if (write.operation() == WritePlan.Operation.DELETE) {
                versions.remove(write.name());
            } else {
                versions.put(write.name(), resourceVersion);
            }
            changes.add(new Change(client.topicKey(write.name()), resourceVersion, eventType(write.operation())));
            completed.incrementAndGet();
        }
        return changes;
    }

    /** Writes until answered; returns the resourceVersion the write committed at. */
    private long commit(Write write) throws InterruptedException {
        long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
        boolean attemptLost = false;
        while (true) {
            try {
                Response response = send(write);
                if (response.succeeded()) {
                    return response.resourceVersion();
                }
                if (attemptLost && refusesRepeat(write, response)) {
                    long resourceVersion = committedByLostAttempt(write);
                    LOG.log(System.Logger.Level.INFO, "{0}: an attempt that got no answer had committed, at resourceVersion {1}",
                            write, Long.toString(resourceVersion));
                    return resourceVersion;
                }
                if (response.status() < 500) {
                    throw new IllegalStateException(write + " was refused: " + response.status() + " " + response.body());
                }
                // a server error: it may have committed before failing, as when no answer came
            } catch (IOException noAnswer) {
                // the server is down or died during the request
            }
            attemptLost = true;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(write + " got no answer for " + WRITE_DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(RETRY_PAUSE.toMillis()); // back-off while the server is unreachable
        }
    }

    private Response send(Write write) throws IOException {
        Map<String, String> data = Map.of("seq", Integer.toString(write.sequence()));
        return switch (write.operation()) {
            case CREATE -> client.create(write.name(), data);
            case UPDATE -> client.patch(write.name(), versions.get(write.name()), data);
            case DELETE -> client.delete(write.name(), versions.get(write.name()));
        };
    }

    /** The refusal a repeated write gets when its earlier attempt had committed. */
    private static boolean refusesRepeat(Write write, Response response) {
        String expected = switch (write.operation()) {
            case CREATE -> "AlreadyExists";
            case UPDATE -> "Conflict";
            case DELETE -> "NotFound";
        };
        return expected.equals(response.reason());
    }

    /** The resourceVersion of the write whose answer was lost, read back; the server has just answered. */
    private long committedByLostAttempt(Write write) {
        if (write.operation() == WritePlan.Operation.DELETE) {
            return history.deleteRevisionOfConfigMap(client.namespace(), write.name(), versions.get(write.name()));
        }
        Response current;
        try {
            current = client.get(write.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + write.name() + " after " + write, e);
        }
        String sequence = Integer.toString(write.sequence());
        if (!current.succeeded() || !sequence.equals(current.data().get("seq"))) {
            throw new IllegalStateException(write + " was refused as a repeat, but the object is not what it wrote: "
                    + current.status() + " " + current.body());
        }
        return current.resourceVersion();
    }

    private static String eventType(WritePlan.Operation operation) {
        return switch (operation) {
            case CREATE -> "ADDED";
            case UPDATE -> "MODIFIED";
            case DELETE -> "DELETED";
        };
    }
}
