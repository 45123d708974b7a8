package dev.skiff.store.embedded;

import dev.skiff.store.KeyValue;
import dev.skiff.store.WatchEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the revision log: one change to one key. The row's id is the revision of the change.
 * A row carries the key's previous value too, so a change can be replayed as a watch event with its
 * prevKv after compaction has removed the row before it.
 *
 * @param revision       the row id: revision of this change
 * @param created        this change created the key
 * @param deleted        this change deleted the key; {@code value} is null, {@code oldValue} the last value
 * @param prevRevision   modRevision of the value this change replaced, 0 for a create
 * @param version        changes since creation (1 after create); a delete keeps the last version
 * @param lease          lease the key is attached to after this change (0 for a delete)
 * @param oldLease       lease of the value this change replaced
 */
record LogRow(long revision, String name, boolean created, boolean deleted, long createRevision, long prevRevision,
              long version, long lease, long oldLease, byte[] value, byte[] oldValue) {

    /** Columns in the order {@link #read} expects; {@code alias} qualifies them for joins. */
    static String columns(String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        return p + "id, " + p + "name, " + p + "created, " + p + "deleted, " + p + "create_revision, "
                + p + "prev_revision, " + p + "version, " + p + "lease, " + p + "old_lease, " + p + "value, "
                + p + "old_value";
    }

    static final String INSERT = "INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, version,"
            + " lease, old_lease, value, old_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static LogRow creation(long revision, String name, byte[] value, long lease) {
        return new LogRow(revision, name, true, false, revision, 0, 1, lease, 0, value, null);
    }

    static LogRow update(long revision, LogRow current, byte[] value, long lease) {
        return new LogRow(revision, current.name, false, false, current.createRevision, current.revision,
                current.version + 1, lease, current.lease, value, current.value);
    }

    static LogRow deletion(long revision, LogRow current) {
        return new LogRow(revision, current.name, false, true, current.createRevision, current.revision,
                current.version, 0, current.lease, null, current.value);
    }

    static LogRow read(ResultSet rs) throws SQLException {
        return new LogRow(rs.getLong(1), Keys.string(rs.getBytes(2)), rs.getInt(3) != 0, rs.getInt(4) != 0,
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getBytes(10),
                rs.getBytes(11));
    }

    /** Binds this row to {@link #INSERT}. */
    void bindInsert(PreparedStatement insert) throws SQLException {
        insert.setLong(1, revision);
        insert.setBytes(2, Keys.bytes(name));
        insert.setInt(3, created ? 1 : 0);
        insert.setInt(4, deleted ? 1 : 0);
        insert.setLong(5, createRevision);
        insert.setLong(6, prevRevision);
        insert.setLong(7, version);
        insert.setLong(8, lease);
        insert.setLong(9, oldLease);
        insert.setBytes(10, value);
        insert.setBytes(11, oldValue);
    }

    /** The key as this change left it; for a delete, its last value at the delete's revision. */
    KeyValue keyValue() {
        if (deleted) {
            return new KeyValue(name, oldValue, createRevision, revision, version, oldLease);
        }
        return new KeyValue(name, value, createRevision, revision, version, lease);
    }

    /** The key before this change, null for a create. */
    KeyValue previous() {
        if (created) {
            return null;
        }
        return new KeyValue(name, oldValue, createRevision, prevRevision, deleted ? version : version - 1, oldLease);
    }

    WatchEvent event() {
        return new WatchEvent(deleted ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT, keyValue(), previous(), revision);
    }
}
