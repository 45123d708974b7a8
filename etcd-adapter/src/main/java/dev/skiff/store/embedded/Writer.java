package dev.skiff.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The single write connection and its prepared statements, reused for every write. Not
 * thread-safe: the store calls it under its write lock only.
 */
final class Writer implements AutoCloseable {

    /** A unit of database work. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement latest;
    private final PreparedStatement insert;
    private final PreparedStatement leaseExists;
    private final PreparedStatement grantLease;
    private final PreparedStatement renewLease;
    private final PreparedStatement deleteLease;
    private final PreparedStatement expiredLeases;
    private final PreparedStatement leasedKeys;
    private final PreparedStatement extendLeases;
    private final PreparedStatement setCompactedRevision;
    private final PreparedStatement firstRevision;
    private final PreparedStatement deleteSuperseded;

    Writer(Connection connection) throws SQLException {
        this.connection = connection;
        latest = connection.prepareStatement(Reader.LATEST);
        insert = connection.prepareStatement(LogRow.INSERT);
        leaseExists = connection.prepareStatement("SELECT 1 FROM lease WHERE id = ?");
        grantLease = connection.prepareStatement("INSERT INTO lease (ttl, expires_at) VALUES (?, ?) RETURNING id");
        renewLease = connection.prepareStatement(
                "UPDATE lease SET expires_at = ? + ttl * 1000 WHERE id = ? AND expires_at > ? RETURNING ttl");
        deleteLease = connection.prepareStatement("DELETE FROM lease WHERE id = ?");
        expiredLeases = connection.prepareStatement("SELECT id FROM lease WHERE expires_at <= ? ORDER BY id");
        // the live keys whose newest row is attached to the lease
        leasedKeys = connection.prepareStatement("SELECT " + LogRow.columns("k") + " FROM kv AS k"
                + " WHERE k.lease = ? AND k.lease != 0 AND k.deleted = 0"
                + " AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name) ORDER BY k.name");
        extendLeases = connection.prepareStatement("UPDATE lease SET expires_at = ? + ttl * 1000");
        setCompactedRevision = connection.prepareStatement("INSERT INTO meta (key, value) VALUES ('"
                + Reader.COMPACTED_REVISION + "', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        firstRevision = connection.prepareStatement("SELECT MIN(id) FROM kv WHERE id >= ?");
        // rows below the compaction revision that no read or watch at or after it needs: those
        // superseded by a newer row at or below it, and deletions (the key is absent there anyway)
        deleteSuperseded = connection.prepareStatement("DELETE FROM kv WHERE id >= ? AND id < ?"
                + " AND (deleted = 1 OR EXISTS (SELECT 1 FROM kv AS n WHERE n.name = kv.name AND n.id > kv.id"
                + " AND n.id <= ?))");
    }

    /** Runs {@code work} in one transaction: all of it commits, or none. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The newest row of the key, live or deleted, or null if none. */
    LogRow latest(String name) throws SQLException {
        latest.setBytes(1, Keys.bytes(name));
        try (ResultSet rs = latest.executeQuery()) {
            return rs.next() ? LogRow.read(rs) : null;
        }
    }

    void insert(LogRow row) throws SQLException {
        row.bindInsert(insert);
        insert.executeUpdate();
    }

    /** The newest revision ever written (it survives compaction and deletes). */
    long lastRevision() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT seq FROM sqlite_sequence WHERE name = 'kv'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    boolean leaseExists(long leaseId) throws SQLException {
        leaseExists.setLong(1, leaseId);
        try (ResultSet rs = leaseExists.executeQuery()) {
            return rs.next();
        }
    }

    long grantLease(long ttlSeconds, long nowMillis) throws SQLException {
        grantLease.setLong(1, ttlSeconds);
        grantLease.setLong(2, nowMillis + ttlSeconds * 1000);
        try (ResultSet rs = grantLease.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Renews an unexpired lease; returns its TTL, or -1 if it does not exist or has expired. */
    long renewLease(long leaseId, long nowMillis) throws SQLException {
        renewLease.setLong(1, nowMillis);
        renewLease.setLong(2, leaseId);
        renewLease.setLong(3, nowMillis);
        try (ResultSet rs = renewLease.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    boolean deleteLease(long leaseId) throws SQLException {
        deleteLease.setLong(1, leaseId);
        return deleteLease.executeUpdate() > 0;
    }

    List<Long> expiredLeases(long nowMillis) throws SQLException {
        expiredLeases.setLong(1, nowMillis);
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = expiredLeases.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The current rows of the live keys attached to the lease. */
    List<LogRow> leasedKeys(long leaseId) throws SQLException {
        leasedKeys.setLong(1, leaseId);
        List<LogRow> rows = new ArrayList<>();
        try (ResultSet rs = leasedKeys.executeQuery()) {
            while (rs.next()) {
                rows.add(LogRow.read(rs));
            }
        }
        return rows;
    }

    /** Gives every lease its full TTL again from now (done at open, as etcd does on a restart). */
    void extendLeases(long nowMillis) throws SQLException {
        extendLeases.setLong(1, nowMillis);
        extendLeases.executeUpdate();
    }

    void setCompactedRevision(long revision) throws SQLException {
        setCompactedRevision.setLong(1, revision);
        setCompactedRevision.executeUpdate();
    }

    /** The oldest revision still in the log at or after {@code from}, 0 if none. */
    long firstRevision(long from) throws SQLException {
        firstRevision.setLong(1, from);
        try (ResultSet rs = firstRevision.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Deletes, among the rows with revision in [from, to), those compaction at {@code compactRevision} discards. */
    void deleteSuperseded(long from, long to, long compactRevision) throws SQLException {
        deleteSuperseded.setLong(1, from);
        deleteSuperseded.setLong(2, to);
        deleteSuperseded.setLong(3, compactRevision);
        deleteSuperseded.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
