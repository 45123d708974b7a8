package dev.skiff.store.embedded;

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
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The store in-process, on disk: a revision log in SQLite, in the spirit of k3s's kine. The file
 * is {@code skiff.db} in the directory given.
 *
 * <p>Every change appends one row to the log; the row id is the change's revision, so revisions
 * are global and monotonic, and a key's value is its newest row. Writes are serialized by one lock
 * over one connection with prepared statements; reads use a small pool of connections, each read in
 * one snapshot, and run while writes commit.
 *
 * <p>Watches: a new watch is subscribed to live changes under the write lock, at the current
 * revision R; nothing commits meanwhile, so every change up to R is already in the log and every
 * later one will reach the subscription. Its thread then replays (after, R] from the log and
 * delivers the live changes (all above R) after it: no gap, no duplicate.
 *
 * <p>Leases expire on a background thread, which deletes their keys as ordinary changes that
 * watchers see. Closing the store ends its watches without calling their listeners.
 */
public final class EmbeddedStore implements Store {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);
    private static final int READERS = 4;
    private static final int COMPACTION_BATCH = 1000;
    private static final long LEASE_CHECK_MILLIS = 250;

    private final SqliteDatabase database;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Writer writer;
    private final ReaderPool readers;
    private final WatchHub hub = new WatchHub();
    private final ScheduledExecutorService leaseReaper;
    /** Newest committed revision; written under the write lock. */
    private volatile long revision;
    private volatile long compactedRevision;
    private volatile boolean closed;

    /**
     * Opens the store in {@code directory}, creating both if needed.
     *
     * @throws StoreException if the directory or database cannot be used; the message names the file
     *                        and what to do
     */
    public EmbeddedStore(Path directory) {
        database = SqliteDatabase.open(directory);
        Writer openedWriter = null;
        ReaderPool openedReaders = null;
        try {
            openedWriter = new Writer(database.connect());
            openedReaders = new ReaderPool(database, READERS);
            revision = openedWriter.lastRevision();
            compactedRevision = openedReaders.read(Reader::compactedRevision);
            openedWriter.extendLeases(System.currentTimeMillis());
        } catch (SQLException e) {
            closeQuietly(openedWriter, openedReaders);
            throw database.failure("opening", e);
        } catch (RuntimeException e) {
            closeQuietly(openedWriter, openedReaders);
            throw e;
        }
        writer = openedWriter;
        readers = openedReaders;
        leaseReaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "skiff-embedded-lease-reaper");
            thread.setDaemon(true);
            return thread;
        });
        leaseReaper.scheduleWithFixedDelay(this::expireLeases, LEASE_CHECK_MILLIS, LEASE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.debugf("embedded store open at %s, revision %d", database.file(), revision);
    }

    @Override
    public long currentRevision() {
        checkOpen();
        return revision;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        checkOpen();
        requireKey(key);
        LogRow row = readers.read(reader -> reader.latest(key));
        return row == null || row.deleted() ? Optional.empty() : Optional.of(row.keyValue());
    }

    @Override
    public ListResult list(String prefix, long atRevision, String startKey, int limit) {
        checkOpen();
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 0 || atRevision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
        if (startKey != null && !startKey.startsWith(prefix)) {
            throw new IllegalArgumentException("start key " + startKey + " is outside the prefix " + prefix);
        }
        long newest = revision;
        long at = atRevision == 0 ? newest : atRevision;
        if (at > newest) {
            throw new IllegalArgumentException("revision " + at + " is in the future (newest " + newest + ")");
        }
        byte[] from = Keys.bytes(startKey == null ? prefix : startKey);
        byte[] to = Keys.rangeEnd(Keys.bytes(prefix));
        List<LogRow> rows = readers.read(reader -> {
            long compacted = reader.compactedRevision();
            if (at < compacted) {
                throw new CompactedException(at, compacted);
            }
            return reader.list(from, to, at, limit == 0 ? -1 : limit + 1);
        });
        boolean more = limit > 0 && rows.size() > limit;
        List<LogRow> page = more ? rows.subList(0, limit) : rows;
        return new ListResult(page.stream().map(LogRow::keyValue).toList(), at, more);
    }

    @Override
    public long count(String prefix) {
        checkOpen();
        byte[] from = Keys.bytes(Objects.requireNonNull(prefix, "prefix"));
        return readers.read(reader -> reader.count(from, Keys.rangeEnd(from)));
    }

    @Override
    public KeyValue create(String key, byte[] value, long leaseId) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        return write("create " + key, () -> {
            LogRow current = writer.latest(key);
            if (current != null && !current.deleted()) {
                throw new KeyExistsException(key);
            }
            requireLease(leaseId);
            // a copy: the caller may reuse its array while watchers still hold the event
            return commit(LogRow.creation(revision + 1, key, value.clone(), leaseId)).keyValue();
        });
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long leaseId) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        if (expectedModRevision <= 0) {
            throw new IllegalArgumentException("an update needs the expected modRevision, got " + expectedModRevision);
        }
        return write("update " + key, () -> {
            LogRow current = liveRow(key, expectedModRevision);
            requireLease(leaseId);
            return commit(LogRow.update(revision + 1, current, value.clone(), leaseId)).keyValue();
        });
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        requireKey(key);
        return write("delete " + key, () -> {
            LogRow current = liveRow(key, expectedModRevision);
            return commit(LogRow.deletion(revision + 1, current)).keyValue();
        });
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        if (afterRevision < 0) {
            throw new IllegalArgumentException("afterRevision must not be negative");
        }
        WatchChannel channel = new WatchChannel("skiff-embedded-watch " + prefix, listener, hub::unsubscribe);
        long subscribedAt;
        long after;
        writeLock.lock();
        try {
            checkOpen();
            subscribedAt = revision;
            after = afterRevision == 0 ? subscribedAt : afterRevision;
            hub.subscribe(prefix, after, channel);
        } finally {
            writeLock.unlock();
        }
        channel.start(after < subscribedAt
                ? new HistoryReplay(readers, prefix, after, subscribedAt)
                : WatchChannel.Backlog.NONE);
        return channel;
    }

    /**
     * Records {@code revision} as compacted, then deletes the rows no read or watch at or after it
     * needs, in batches of revisions so writers are not held up for long. Readers see either the
     * old compacted revision and all its rows, or the new one: the mark commits before any row goes.
     */
    @Override
    public void compact(long compactRevision) {
        long firstRow = write("compact at " + compactRevision, () -> {
            if (compactRevision <= compactedRevision) {
                return -1L;
            }
            if (compactRevision > revision) {
                throw new IllegalArgumentException("revision " + compactRevision + " is in the future (newest "
                        + revision + ")");
            }
            writer.setCompactedRevision(compactRevision);
            compactedRevision = compactRevision;
            return writer.firstRevision(0);
        });
        if (firstRow < 0) {
            return;
        }
        long from = firstRow;
        while (from > 0 && from < compactRevision) {
            long batchStart = from;
            long batchEnd = Math.min(from + COMPACTION_BATCH, compactRevision);
            // each batch under the lock on its own; then on to the next row that exists
            from = write("compact at " + compactRevision, () -> {
                writer.deleteSuperseded(batchStart, batchEnd, compactRevision);
                return writer.firstRevision(batchEnd);
            });
        }
        LOG.debugf("compacted %s at revision %d", database.file(), compactRevision);
    }

    @Override
    public long compactedRevision() {
        checkOpen();
        return compactedRevision;
    }

    @Override
    public long grantLease(long ttlSeconds) {
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("a lease needs a TTL of at least 1 s, got " + ttlSeconds);
        }
        return write("grant a lease", () -> writer.grantLease(ttlSeconds, System.currentTimeMillis()));
    }

    @Override
    public long keepAliveLease(long leaseId) {
        long ttl = write("keep lease " + leaseId + " alive",
                () -> writer.renewLease(leaseId, System.currentTimeMillis()));
        if (ttl < 0) {
            throw new LeaseNotFoundException(leaseId);
        }
        return ttl;
    }

    @Override
    public void revokeLease(long leaseId) {
        write("revoke lease " + leaseId, () -> {
            revoke(leaseId);
            return null;
        });
    }

    @Override
    public boolean isHealthy() {
        if (closed) {
            return false;
        }
        try {
            readers.read(Reader::compactedRevision);
            return true;
        } catch (StoreException e) {
            LOG.debugf(e, "embedded store health check failed");
            return false;
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            leaseReaper.shutdownNow();
            hub.closeAll();
            closeQuietly(writer, readers);
        } finally {
            writeLock.unlock();
        }
    }

    /** Appends a row, then hands its change to the watches. Called under the write lock. */
    private LogRow commit(LogRow row) throws SQLException {
        writer.insert(row);
        revision = row.revision();
        hub.publish(row.event());
        return row;
    }

    /** The key's current row, if it is live and (unless expected is 0) still at the expected revision. */
    private LogRow liveRow(String key, long expectedModRevision) throws SQLException {
        LogRow current = writer.latest(key);
        if (current == null || current.deleted()) {
            throw new KeyNotFoundException(key);
        }
        if (expectedModRevision != 0 && current.revision() != expectedModRevision) {
            throw new RevisionConflictException(key, expectedModRevision, current.keyValue());
        }
        return current;
    }

    private void requireLease(long leaseId) throws SQLException {
        if (leaseId != 0 && !writer.leaseExists(leaseId)) {
            throw new LeaseNotFoundException(leaseId);
        }
    }

    /** Deletes the lease and its keys in one transaction; each key's delete is a change of its own. */
    private void revoke(long leaseId) throws SQLException {
        List<LogRow> deletions = writer.inTransaction(() -> {
            if (!writer.deleteLease(leaseId)) {
                throw new LeaseNotFoundException(leaseId);
            }
            List<LogRow> rows = new ArrayList<>();
            long next = revision;
            for (LogRow current : writer.leasedKeys(leaseId)) {
                LogRow deletion = LogRow.deletion(++next, current);
                writer.insert(deletion);
                rows.add(deletion);
            }
            return rows;
        });
        for (LogRow deletion : deletions) {
            revision = deletion.revision();
            hub.publish(deletion.event());
        }
    }

    private void expireLeases() {
        try {
            write("expire leases", () -> {
                for (long leaseId : writer.expiredLeases(System.currentTimeMillis())) {
                    LOG.debugf("lease %d expired", leaseId);
                    revoke(leaseId);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warnf(e, "expiring leases in %s failed; will retry", database.file());
            }
        }
    }

    private <T> T write(String operation, Writer.Work<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            return work.run();
        } catch (SQLException e) {
            throw database.failure(operation, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("The embedded store at " + database.file() + " is closed");
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
    }

    private static void closeQuietly(Writer writer, ReaderPool readers) {
        if (readers != null) {
            try {
                readers.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "closing the embedded store's read connections failed");
            }
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warnf(e, "closing the embedded store's write connection failed");
            }
        }
    }
}
