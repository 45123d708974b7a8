package dev.skiff.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A read connection and its prepared statements. The connection stays inside a transaction, so
 * the queries made between two {@link #endSnapshot()} calls see one consistent snapshot (WAL lets
 * them run while the writer commits).
 */
final class Reader implements AutoCloseable {

    static final String COMPACTED_REVISION = "compacted_revision";

    static final String LATEST = "SELECT " + LogRow.columns("") + " FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1";

    private final Connection connection;
    private final PreparedStatement latest;
    private final PreparedStatement list;
    private final PreparedStatement count;
    private final PreparedStatement history;
    private final PreparedStatement compactedRevision;

    Reader(Connection connection) throws SQLException {
        this.connection = connection;
        try (var statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = 1");
        }
        connection.setAutoCommit(false);
        latest = connection.prepareStatement(LATEST);
        // walks the (name, id) index in key order, keeping each key's newest row at the revision,
        // so a page costs its size plus the history of its keys, not the size of the whole range
        list = connection.prepareStatement("SELECT " + LogRow.columns("k") + " FROM kv AS k"
                + " WHERE k.name >= ? AND k.name < ? AND k.id <= ? AND k.deleted = 0"
                + " AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name AND n.id <= ?)"
                + " ORDER BY k.name LIMIT ?");
        count = connection.prepareStatement("SELECT COUNT(*) FROM kv AS k"
                + " WHERE k.name >= ? AND k.name < ? AND k.deleted = 0"
                + " AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name)");
        // "+name" keeps SQLite on the primary key: history is read in revision order
        history = connection.prepareStatement("SELECT " + LogRow.columns("") + " FROM kv"
                + " WHERE id > ? AND id <= ? AND +name >= ? AND +name < ? ORDER BY id LIMIT ?");
        compactedRevision = connection.prepareStatement(
                "SELECT value FROM meta WHERE key = '" + COMPACTED_REVISION + "'");
    }

    /** The newest row of the key, live or deleted, or null if none. */
    LogRow latest(String name) throws SQLException {
        latest.setBytes(1, Keys.bytes(name));
        try (ResultSet rs = latest.executeQuery()) {
            return rs.next() ? LogRow.read(rs) : null;
        }
    }

    /**
     * The live keys in [from, to) at {@code revision}, in key order.
     *
     * @param limit the most rows to return, or a negative number for all
     */
    List<LogRow> list(byte[] from, byte[] to, long revision, int limit) throws SQLException {
        list.setBytes(1, from);
        list.setBytes(2, to);
        list.setLong(3, revision);
        list.setLong(4, revision);
        list.setInt(5, limit);
        return rows(list);
    }

    /** Number of live keys in [from, to) at the newest revision. */
    long count(byte[] from, byte[] to) throws SQLException {
        count.setBytes(1, from);
        count.setBytes(2, to);
        try (ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Changes to keys in [from, to) with revision in (after, until], in revision order, at most {@code limit}. */
    List<LogRow> history(byte[] from, byte[] to, long after, long until, int limit) throws SQLException {
        history.setLong(1, after);
        history.setLong(2, until);
        history.setBytes(3, from);
        history.setBytes(4, to);
        history.setInt(5, limit);
        return rows(history);
    }

    /** The revision the log was compacted at, 0 if never. */
    long compactedRevision() throws SQLException {
        try (ResultSet rs = compactedRevision.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Ends the current snapshot; the next query starts a new one. */
    void endSnapshot() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static List<LogRow> rows(PreparedStatement query) throws SQLException {
        List<LogRow> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(LogRow.read(rs));
            }
        }
        return rows;
    }
}
