package dev.skiff.store.etcd;

import dev.skiff.store.CompactedException;
import dev.skiff.store.KeyExistsException;
import dev.skiff.store.KeyNotFoundException;
import dev.skiff.store.KeyValue;
import dev.skiff.store.LeaseNotFoundException;
import dev.skiff.store.ListResult;
import dev.skiff.store.RevisionConflictException;
import dev.skiff.store.Store;
import dev.skiff.store.StoreException;
import dev.skiff.store.Watch;
import dev.skiff.store.WatchListener;
import dev.skiff.store.support.WatchChannel;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.OptionsUtil;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The store on etcd, through one jetcd client (several endpoints: the members of a cluster).
 * Keys are etcd keys as given; revisions are etcd's. Conditional writes are etcd transactions that
 * compare the key's createRevision or modRevision; an update reads the key's revisions and version
 * back in the same transaction (not its value), a create needs not.
 * Every call waits at most the timeout given (10 s by default); failures to reach etcd become
 * {@link dev.skiff.store.StoreException}s carrying jetcd's exception.
 *
 * <p>One limit of etcd shows through: a watch that starts at the compacted revision itself gets
 * the change at that revision without prevKv (etcd cannot read the revision before it), and if that
 * change is a delete, its value is empty. Closing the store ends its watches without calling their
 * listeners.
 */
public final class EtcdStore implements Store {

    private static final Logger LOG = Logger.getLogger(EtcdStore.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** Any key serves to read the header revision; this one is outside /registry. */
    private static final ByteSequence REVISION_PROBE = bytes("/skiff/revision-probe");

    /** Reads a key's revisions and version without its value: what an update needs back, having sent the value. */
    private static final GetOption KEYS_ONLY = GetOption.builder().withKeysOnly(true).build();

    private final Client client;
    private final KV kv;
    private final EtcdCalls calls;
    private final Duration healthTimeout;
    private final CompactedRevisionFinder compaction;
    private final Set<WatchChannel> watches = ConcurrentHashMap.newKeySet();

    public EtcdStore(List<String> endpoints) {
        this(endpoints, DEFAULT_TIMEOUT);
    }

    /**
     * @param endpoints client URLs, e.g. {@code http://127.0.0.1:2379}; several for a cluster
     * @param timeout   the longest any call waits for etcd
     */
    public EtcdStore(List<String> endpoints, Duration timeout) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is needed");
        }
        this.client = Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(timeout)
                .retryMaxDuration(timeout)
                .interceptor(new UnaryDeadline(timeout))
                // as etcd's own client: a response is as large as the data asked for
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        this.kv = client.getKVClient();
        this.calls = new EtcdCalls(timeout);
        this.healthTimeout = timeout.compareTo(HEALTH_TIMEOUT) < 0 ? timeout : HEALTH_TIMEOUT;
        this.compaction = new CompactedRevisionFinder(this::readableAt, this::currentRevision);
        LOG.debugf("etcd store on %s", endpoints);
    }

    @Override
    public long currentRevision() {
        GetOption countOnly = GetOption.builder().withCountOnly(true).build();
        return calls.await(kv.get(REVISION_PROBE, countOnly), "read the revision").getHeader().getRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse response = calls.await(kv.get(key(key)), "get " + key);
        return response.getKvs().stream().findFirst().map(EtcdStore::keyValue);
    }

    @Override
    public ListResult list(String prefix, long revision, String startKey, int limit) {
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 0 || revision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
        if (startKey != null && !startKey.startsWith(prefix)) {
            throw new IllegalArgumentException("start key " + startKey + " is outside the prefix " + prefix);
        }
        GetOption option = GetOption.builder()
                .withRange(rangeEnd(prefix))
                .withRevision(revision)
                .withLimit(limit)
                .build();
        ByteSequence from = startKey == null ? rangeStart(prefix) : bytes(startKey);
        GetResponse response = calls.await(kv.get(from, option), "list " + prefix,
                failure -> EtcdCalls.isCompacted(failure) ? new CompactedException(revision, compactedRevision()) : null);
        List<KeyValue> items = response.getKvs().stream().map(EtcdStore::keyValue).toList();
        long readAt = revision == 0 ? response.getHeader().getRevision() : revision;
        return new ListResult(items, readAt, response.isMore());
    }

    @Override
    public long count(String prefix) {
        GetOption option = GetOption.builder().withRange(rangeEnd(prefix)).withCountOnly(true).build();
        return calls.await(kv.get(rangeStart(prefix), option), "count " + prefix).getCount();
    }

    @Override
    public KeyValue create(String key, byte[] value, long leaseId) {
        ByteSequence k = key(key);
        TxnResponse response = calls.await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), withLease(leaseId)))
                .commit(), "create " + key, leaseNotFound(leaseId));
        if (!response.isSucceeded()) {
            throw new KeyExistsException(key);
        }
        // a transaction with one put commits at one revision: the key's create and mod revision, without reading it back
        long revision = response.getHeader().getRevision();
        return new KeyValue(key, value, revision, revision, 1, leaseId);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long leaseId) {
        if (expectedModRevision <= 0) {
            throw new IllegalArgumentException("an update needs the expected modRevision, got " + expectedModRevision);
        }
        ByteSequence k = key(key);
        TxnResponse response = calls.await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.put(k, ByteSequence.from(value), withLease(leaseId)), Op.get(k, KEYS_ONLY))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), "update " + key, leaseNotFound(leaseId));
        List<io.etcd.jetcd.KeyValue> found = response.getGetResponses().get(0).getKvs();
        if (!response.isSucceeded()) {
            throw notAt(key, expectedModRevision, found);
        }
        io.etcd.jetcd.KeyValue written = found.get(0);
        return new KeyValue(key, value, written.getCreateRevision(), written.getModRevision(), written.getVersion(),
                written.getLease());
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteSequence k = key(key);
        DeleteOption withPrevious = DeleteOption.builder().withPrevKV(true).build();
        if (expectedModRevision == 0) {
            DeleteResponse response = calls.await(kv.delete(k, withPrevious), "delete " + key);
            if (response.getDeleted() == 0) {
                throw new KeyNotFoundException(key);
            }
            return deleted(response.getPrevKvs().get(0), response.getHeader().getRevision());
        }
        TxnResponse response = calls.await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.delete(k, withPrevious))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), "delete " + key);
        if (!response.isSucceeded()) {
            throw notAt(key, expectedModRevision, response.getGetResponses().get(0).getKvs());
        }
        DeleteResponse deletion = response.getDeleteResponses().get(0);
        if (deletion.getDeleted() == 0) {
            throw new KeyNotFoundException(key);
        }
        return deleted(deletion.getPrevKvs().get(0), response.getHeader().getRevision());
    }

    /**
     * A watch "from now on" (afterRevision 0) starts after the revision read when it is made, so no
     * change made after this call returns can be missed while etcd sets the watch up.
     */
    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        if (afterRevision < 0) {
            throw new IllegalArgumentException("afterRevision must not be negative");
        }
        long after = afterRevision == 0 ? currentRevision() : afterRevision;
        WatchOption option = WatchOption.builder()
                .withRange(rangeEnd(prefix))
                .withPrevKV(true)
                .withRevision(after + 1)
                .build();
        WatcherHandle handle = new WatcherHandle();
        WatchChannel channel = new WatchChannel("skiff-etcd-watch " + prefix, listener, ended -> {
            watches.remove(ended);
            handle.close();
        });
        watches.add(channel);
        try {
            handle.attach(client.getWatchClient().watch(rangeStart(prefix), option,
                    new EtcdWatchListener(prefix, channel, compaction::observed)));
        } catch (RuntimeException e) {
            channel.close();
            throw new StoreException("Cannot watch " + prefix + " on etcd: " + e.getMessage(), e);
        }
        channel.start(WatchChannel.Backlog.NONE);
        return channel;
    }

    /** Physical compaction: when this returns, etcd has discarded the history. */
    @Override
    public void compact(long revision) {
        CompactOption physical = CompactOption.builder().withCompactPhysical(true).build();
        CompletableFuture<Boolean> call = kv.compact(revision, physical).handle((response, failure) -> {
            if (failure == null) {
                return true;
            }
            if (EtcdCalls.isCompacted(failure)) {
                return false; // compacted at or past it already
            }
            throw new CompletionException(failure);
        });
        if (calls.await(call, "compact at " + revision)) {
            compaction.observed(revision);
        }
    }

    /** See {@link CompactedRevisionFinder}: usually one read. */
    @Override
    public long compactedRevision() {
        return compaction.find();
    }

    @Override
    public long grantLease(long ttlSeconds) {
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("a lease needs a TTL of at least 1 s, got " + ttlSeconds);
        }
        return calls.await(client.getLeaseClient().grant(ttlSeconds), "grant a lease").getID();
    }

    @Override
    public long keepAliveLease(long leaseId) {
        return calls.await(client.getLeaseClient().keepAliveOnce(leaseId), "keep lease " + leaseId + " alive",
                leaseNotFound(leaseId)).getTTL();
    }

    @Override
    public void revokeLease(long leaseId) {
        calls.await(client.getLeaseClient().revoke(leaseId), "revoke lease " + leaseId, leaseNotFound(leaseId));
    }

    /**
     * A linearizable read within 2 s (or the store's timeout if shorter): it needs a member with a
     * quorum behind it, as writes do.
     */
    @Override
    public boolean isHealthy() {
        try {
            kv.get(REVISION_PROBE, GetOption.builder().withCountOnly(true).build())
                    .get(healthTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debugf(e, "etcd health check failed");
            return false;
        }
    }

    @Override
    public void close() {
        for (WatchChannel watch : watches) {
            watch.close();
        }
        client.close();
    }

    static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(string(kv.getKey()), kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision(),
                kv.getVersion(), kv.getLease());
    }

    static String string(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private boolean readableAt(long revision) {
        GetOption option = GetOption.builder().withRevision(revision).withCountOnly(true).build();
        CompletableFuture<Boolean> probe = kv.get(REVISION_PROBE, option).handle((response, failure) -> {
            if (failure == null) {
                return true;
            }
            if (EtcdCalls.isCompacted(failure)) {
                return false;
            }
            throw new CompletionException(failure);
        });
        return calls.await(probe, "read at revision " + revision);
    }

    /** The deleted key: its last value, at the delete's revision. */
    private static KeyValue deleted(io.etcd.jetcd.KeyValue last, long revision) {
        return new KeyValue(string(last.getKey()), last.getValue().getBytes(), last.getCreateRevision(), revision,
                last.getVersion(), last.getLease());
    }

    private static RuntimeException notAt(String key, long expected, List<io.etcd.jetcd.KeyValue> found) {
        if (found.isEmpty()) {
            return new KeyNotFoundException(key);
        }
        return new RevisionConflictException(key, expected, keyValue(found.get(0)));
    }

    private static PutOption withLease(long leaseId) {
        return PutOption.builder().withLeaseId(leaseId).build();
    }

    private static Function<Throwable, RuntimeException> leaseNotFound(long leaseId) {
        return failure -> EtcdCalls.isLeaseNotFound(failure) ? new LeaseNotFoundException(leaseId) : null;
    }

    private static ByteSequence key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        return bytes(key);
    }

    /** etcd refuses an empty key; "\0" starts the same range (everything) for an empty prefix. */
    private static ByteSequence rangeStart(String prefix) {
        return bytes(prefix.isEmpty() ? "\0" : prefix);
    }

    /** The end of the prefix's range, exclusive ("\0", etcd's "no end", for an empty prefix). */
    private static ByteSequence rangeEnd(String prefix) {
        return OptionsUtil.prefixEndOf(bytes(prefix));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
