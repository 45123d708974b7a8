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
import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.options.OptionsUtil;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The store on etcd (several endpoints: the members of a cluster): reads and writes through
 * {@link EtcdKv}, watches and leases through a jetcd client. Keys are etcd keys as given; revisions are etcd's. Conditional writes are etcd transactions that
 * compare the key's createRevision or modRevision; an update reads the key's revisions and version
 * back in the same transaction (not its value), a create needs not.
 * Every call waits at most the timeout given (10 s by default); failures to reach etcd become
 * {@link dev.skiff.store.StoreException}s carrying the client's exception.
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
    private static final ByteString REVISION_PROBE = bytes("/skiff/revision-probe");
    private static final Function<Throwable, RuntimeException> NO_EXPECTED_ERROR = failure -> null;

    /** Watches and leases. */
    private final Client client;
    /** Every read and write. */
    private final EtcdKv kv;
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
        this.kv = new EtcdKv(endpoints, timeout);
        this.client = Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(timeout)
                .retryMaxDuration(timeout)
                .interceptor(new UnaryDeadline(timeout))
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        this.calls = new EtcdCalls(timeout);
        this.healthTimeout = timeout.compareTo(HEALTH_TIMEOUT) < 0 ? timeout : HEALTH_TIMEOUT;
        this.compaction = new CompactedRevisionFinder(this::readableAt, this::currentRevision);
        LOG.debugf("etcd store on %s", endpoints);
    }

    @Override
    public long currentRevision() {
        return kv.range(countOnly(REVISION_PROBE, 0), "read the revision", NO_EXPECTED_ERROR).getHeader().getRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        RangeResponse response = kv.range(RangeRequest.newBuilder().setKey(key(key)).build(), "get " + key, NO_EXPECTED_ERROR);
        return response.getKvsList().stream().findFirst().map(EtcdStore::keyValue);
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
        RangeRequest request = RangeRequest.newBuilder()
                .setKey(startKey == null ? rangeStart(prefix) : bytes(startKey))
                .setRangeEnd(rangeEnd(prefix))
                .setRevision(revision)
                .setLimit(limit)
                .build();
        RangeResponse response = kv.range(request, "list " + prefix,
                failure -> EtcdCalls.isCompacted(failure) ? new CompactedException(revision, compactedRevision()) : null);
        List<KeyValue> items = response.getKvsList().stream().map(EtcdStore::keyValue).toList();
        long readAt = revision == 0 ? response.getHeader().getRevision() : revision;
        return new ListResult(items, readAt, response.getMore());
    }

    @Override
    public long count(String prefix) {
        RangeRequest request = RangeRequest.newBuilder().setKey(rangeStart(prefix)).setRangeEnd(rangeEnd(prefix)).setCountOnly(true).build();
        return kv.range(request, "count " + prefix, NO_EXPECTED_ERROR).getCount();
    }

    @Override
    public KeyValue create(String key, byte[] value, long leaseId) {
        ByteString k = key(key);
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(k).setTarget(Compare.CompareTarget.CREATE)
                        .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0))
                .addSuccess(put(k, value, leaseId))
                .build();
        TxnResponse response = kv.txn(txn, "create " + key, leaseNotFound(leaseId));
        if (!response.getSucceeded()) {
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
        ByteString k = key(key);
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(modRevisionIs(k, expectedModRevision))
                .addSuccess(put(k, value, leaseId))
                .addSuccess(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(k).setKeysOnly(true)))
                .addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(k)))
                .build();
        TxnResponse response = kv.txn(txn, "update " + key, leaseNotFound(leaseId));
        List<io.etcd.jetcd.api.KeyValue> found = lastRange(response).getKvsList();
        if (!response.getSucceeded()) {
            throw notAt(key, expectedModRevision, found);
        }
        io.etcd.jetcd.api.KeyValue written = found.get(0);
        return new KeyValue(key, value, written.getCreateRevision(), written.getModRevision(), written.getVersion(),
                written.getLease());
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteString k = key(key);
        DeleteRangeRequest withPrevious = DeleteRangeRequest.newBuilder().setKey(k).setPrevKv(true).build();
        if (expectedModRevision == 0) {
            DeleteRangeResponse response = kv.deleteRange(withPrevious, "delete " + key);
            if (response.getDeleted() == 0) {
                throw new KeyNotFoundException(key);
            }
            return deleted(response.getPrevKvs(0), response.getHeader().getRevision());
        }
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(modRevisionIs(k, expectedModRevision))
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(withPrevious))
                .addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(k)))
                .build();
        TxnResponse response = kv.txn(txn, "delete " + key, NO_EXPECTED_ERROR);
        if (!response.getSucceeded()) {
            throw notAt(key, expectedModRevision, lastRange(response).getKvsList());
        }
        DeleteRangeResponse deletion = response.getResponses(0).getResponseDeleteRange();
        if (deletion.getDeleted() == 0) {
            throw new KeyNotFoundException(key);
        }
        return deleted(deletion.getPrevKvs(0), response.getHeader().getRevision());
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
                .withRange(ByteSequence.from(rangeEnd(prefix)))
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
            handle.attach(client.getWatchClient().watch(ByteSequence.from(rangeStart(prefix)), option,
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
        CompactionRequest request = CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build();
        try {
            kv.compact(request, "compact at " + revision,
                    failure -> EtcdCalls.isCompacted(failure) ? new CompactedException(revision, revision) : null);
            compaction.observed(revision);
        } catch (CompactedException alreadyCompacted) {
            // at or past that revision already: nothing new to record
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
        return kv.answers(countOnly(REVISION_PROBE, 0), healthTimeout);
    }

    @Override
    public void close() {
        for (WatchChannel watch : watches) {
            watch.close();
        }
        client.close();
        kv.close();
    }

    static KeyValue keyValue(io.etcd.jetcd.api.KeyValue kv) {
        return new KeyValue(kv.getKey().toStringUtf8(), kv.getValue().toByteArray(), kv.getCreateRevision(), kv.getModRevision(),
                kv.getVersion(), kv.getLease());
    }

    static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(string(kv.getKey()), kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision(),
                kv.getVersion(), kv.getLease());
    }

    static String string(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private boolean readableAt(long revision) {
        try {
            kv.range(countOnly(REVISION_PROBE, revision), "read at revision " + revision,
                    failure -> EtcdCalls.isCompacted(failure) ? new CompactedException(revision, revision) : null);
            return true;
        } catch (CompactedException e) {
            return false;
        }
    }

    /** The deleted key: its last value, at the delete's revision. */
    private static KeyValue deleted(io.etcd.jetcd.api.KeyValue last, long revision) {
        return new KeyValue(last.getKey().toStringUtf8(), last.getValue().toByteArray(), last.getCreateRevision(), revision,
                last.getVersion(), last.getLease());
    }

    private static RuntimeException notAt(String key, long expected, List<io.etcd.jetcd.api.KeyValue> found) {
        if (found.isEmpty()) {
            return new KeyNotFoundException(key);
        }
        return new RevisionConflictException(key, expected, keyValue(found.get(0)));
    }

    /** The answer of a transaction's last operation, a read of the key in both branches of the writes here. */
    private static RangeResponse lastRange(TxnResponse response) {
        return response.getResponses(response.getResponsesCount() - 1).getResponseRange();
    }

    private static Compare modRevisionIs(ByteString key, long modRevision) {
        return Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.EQUAL).setModRevision(modRevision).build();
    }

    private static RequestOp put(ByteString key, byte[] value, long leaseId) {
        return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                .setKey(key).setValue(ByteString.copyFrom(value)).setLease(leaseId)).build();
    }

    private static RangeRequest countOnly(ByteString key, long revision) {
        return RangeRequest.newBuilder().setKey(key).setRevision(revision).setCountOnly(true).build();
    }

    private static Function<Throwable, RuntimeException> leaseNotFound(long leaseId) {
        return failure -> EtcdCalls.isLeaseNotFound(failure) ? new LeaseNotFoundException(leaseId) : null;
    }

    private static ByteString key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        return bytes(key);
    }

    /** etcd refuses an empty key; "\0" starts the same range (everything) for an empty prefix. */
    private static ByteString rangeStart(String prefix) {
        return bytes(prefix.isEmpty() ? "\0" : prefix);
    }

    /** The end of the prefix's range, exclusive ("\0", etcd's "no end", for an empty prefix). */
    private static ByteString rangeEnd(String prefix) {
        return ByteString.copyFrom(OptionsUtil.prefixEndOf(ByteSequence.from(prefix, StandardCharsets.UTF_8)).getBytes());
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }
}
