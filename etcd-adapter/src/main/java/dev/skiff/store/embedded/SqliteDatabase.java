package dev.skiff.store.embedded;

import dev.skiff.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The store's SQLite file: checks it, creates its schema, and opens connections with the store's
 * settings.
 *
 * <p>Schema: {@code kv} is the revision log (one row per change, the row id is the revision; see
 * {@link LogRow}); {@code lease} holds leases and their expiry; {@code meta} holds the compacted
 * revision. The file carries an application id and a schema version, so a foreign SQLite file or a
 * file from an incompatible version is refused instead of being written to.
 */
final class SqliteDatabase {

    private static final String FILE_NAME = "skiff.db";

    /** "Skif" in ASCII, stored in the file header. */
    private static final int APPLICATION_ID = 0x536B6966;
    private static final int SCHEMA_VERSION = 1;
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final String MOVE_ASIDE = "move it aside (with " + FILE_NAME + "-wal and " + FILE_NAME
            + "-shm next to it) to start with an empty store, or restore it from a backup.";

    private static final String[] SCHEMA = {
        """
        CREATE TABLE kv (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name BLOB NOT NULL,
          created INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          create_revision INTEGER NOT NULL,
          prev_revision INTEGER NOT NULL,
          version INTEGER NOT NULL,
          lease INTEGER NOT NULL,
          old_lease INTEGER NOT NULL,
          value BLOB,
          old_value BLOB)""",
        "CREATE INDEX kv_name_id ON kv (name, id)",
        "CREATE INDEX kv_lease ON kv (lease) WHERE lease != 0",
        "CREATE TABLE lease (id INTEGER PRIMARY KEY AUTOINCREMENT, ttl INTEGER NOT NULL, expires_at INTEGER NOT NULL)",
        "CREATE INDEX lease_expiry ON lease (expires_at)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        // an empty store is at revision 1, as etcd is: 0 is never a revision (it means "newest")
        "INSERT INTO sqlite_sequence (name, seq) VALUES ('kv', 1)",
        "PRAGMA application_id = " + APPLICATION_ID,
        "PRAGMA user_version = " + SCHEMA_VERSION,
    };

    private final Path file;

    private SqliteDatabase(Path file) {
        this.file = file;
    }

    /**
     * Opens (creating if needed) the database in {@code directory}, checking that the file is intact.
     *
     * @throws StoreException naming the file and what to do if it cannot be opened or is damaged
     */
    static SqliteDatabase open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot create the embedded store directory " + directory + ": " + e, e);
        }
        SqliteDatabase database = new SqliteDatabase(directory.resolve(FILE_NAME).toAbsolutePath());
        if (Files.exists(database.file) && !(Files.isReadable(database.file) && Files.isWritable(database.file))) {
            throw new StoreException("The embedded store database " + database.file
                    + " cannot be read and written by this process; fix its owner and permissions.");
        }
        try (Connection connection = database.connect()) {
            database.check(connection);
            database.createSchemaIfNew(connection);
        } catch (SQLException e) {
            throw database.damaged(e);
        }
        return database;
    }

    Path file() {
        return file;
    }

    /**
     * A new connection. WAL with synchronous=NORMAL: a commit is in the write-ahead log (in the OS
     * page cache) when it returns, so it survives the process being killed (kill -9); only an OS
     * crash or power loss may lose the last commits, and never corrupts the file.
     */
    Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // The driver is called directly rather than through DriverManager, which refuses drivers
        // registered from another class loader (as under Quarkus' test class loaders).
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** A failure of a query or write on the open file. */
    StoreException failure(String operation, SQLException cause) {
        return new StoreException("Embedded store: " + operation + " failed on " + file + ": " + cause.getMessage(),
                cause);
    }

    /** A failure to open the file, with its name and the way out. */
    private StoreException damaged(SQLException cause) {
        return new StoreException("Cannot use the embedded store database " + file + ": " + cause.getMessage()
                + ". If the file is damaged, " + MOVE_ASIDE, cause);
    }

    private void check(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new StoreException("The embedded store database " + file + " is damaged (" + verdict
                        + "): " + MOVE_ASIDE);
            }
        }
    }

    private void createSchemaIfNew(Connection connection) throws SQLException {
        int applicationId = pragma(connection, "application_id");
        int version = pragma(connection, "user_version");
        if (applicationId == 0 && version == 0 && isEmpty(connection)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } else if (applicationId != APPLICATION_ID) {
            throw new StoreException("The file " + file + " is not a Skiff store (SQLite application id "
                    + applicationId + "). Move it aside or choose another directory.");
        } else if (version != SCHEMA_VERSION) {
            throw new StoreException("The embedded store database " + file + " has schema version " + version
                    + "; this Skiff reads version " + SCHEMA_VERSION + ". Use the Skiff release that wrote it.");
        }
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM sqlite_schema")) {
            return result.next() && result.getInt(1) == 0;
        }
    }

    private static int pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            return result.next() ? result.getInt(1) : 0;
        }
    }
}
