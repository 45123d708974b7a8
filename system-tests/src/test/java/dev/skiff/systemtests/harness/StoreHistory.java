package dev.skiff.systemtests.harness;

import dev.skiff.store.Watch;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.WatchListener;
import dev.skiff.store.etcd.EtcdStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd read directly with the store's etcd client: its own record of what was committed, for what
 * the api-server could not say (it died before answering); the relay's checkpoint; and compaction,
 * as an operator (or the api-server's compactor) does it.
 */
public final class StoreHistory implements AutoCloseable {

    private static final Duration LOOKUP_DEADLINE = Duration.ofSeconds(10);

    private final EtcdStore store;

    public StoreHistory(String etcdEndpoint) {
        this.store = new EtcdStore(List.of(etcdEndpoint));
    }

    /**
     * The revision at which a ConfigMap was deleted: the first delete of its key after {@code afterRevision}.
     *
     * @throws IllegalStateException if etcd's history has no such delete
     */
    public long deleteRevisionOfConfigMap(String namespace, String name, long afterRevision) {
        String key = "/registry/configmaps/" + namespace + "/" + name;
        CompletableFuture<Long> deleted = new CompletableFuture<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                if (event.type() == WatchEvent.Type.DELETE && event.kv().key().equals(key)) {
                    deleted.complete(event.revision());
                }
            }

            @Override
            public void onCompacted(long compactedRevision) {
                deleted.completeExceptionally(new IllegalStateException("etcd compacted the history of " + key
                        + " past " + afterRevision + " (at " + compactedRevision + ")"));
            }

            @Override
            public void onError(Throwable error) {
                deleted.completeExceptionally(error);
            }
        };
        try (Watch watch = store.watch(key, afterRevision, listener)) {
            return deleted.get(LOOKUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no delete of " + key + " after revision " + afterRevision + " in etcd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the history of " + key, e);
        }
    }

    /** The relay's checkpoint ({@code /skiff/relay/checkpoint}): the newest revision Kafka has acknowledged. */
    public Optional<Long> relayCheckpoint() {
        return store.get("/skiff/relay/checkpoint")
                .map(kv -> Long.parseLong(new String(kv.value(), StandardCharsets.US_ASCII).trim()));
    }

    /** Discards all history before the newest revision; returns that revision. */
    public long compactToNewestRevision() {
        long newest = store.currentRevision();
        store.compact(newest);
        return newest;
    }

    @Override
    public void close() {
        store.close();
    }
}
