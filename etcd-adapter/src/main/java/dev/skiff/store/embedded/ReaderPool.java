package dev.skiff.store.embedded;

import dev.skiff.store.StoreException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fixed set of read connections; each read borrows one for one snapshot. */
final class ReaderPool implements AutoCloseable {

    /** A read made within one snapshot. */
    @FunctionalInterface
    interface Read<T> {
        T apply(Reader reader) throws SQLException;
    }

    private static final long BORROW_TIMEOUT_SECONDS = 10;

    private final SqliteDatabase database;
    private final List<Reader> all = new ArrayList<>();
    private final BlockingQueue<Reader> idle;

    ReaderPool(SqliteDatabase database, int size) throws SQLException {
        this.database = database;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Reader reader = new Reader(database.connect());
                all.add(reader);
                idle.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Runs {@code read} on a free connection, in one snapshot. */
    <T> T read(Read<T> read) {
        Reader reader = borrow();
        try {
            return read.apply(reader);
        } catch (SQLException e) {
            throw database.failure("read", e);
        } finally {
            release(reader);
        }
    }

    private Reader borrow() {
        try {
            Reader reader = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reader == null) {
                throw new StoreException("No read connection to " + database.file() + " came free within "
                        + BORROW_TIMEOUT_SECONDS + " s");
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a read connection", e);
        }
    }

    private void release(Reader reader) {
        try {
            reader.endSnapshot();
        } catch (SQLException e) {
            throw database.failure("ending a read", e);
        } finally {
            idle.add(reader);
        }
    }

    @Override
    public void close() {
        StoreException failure = null;
        for (Reader reader : all) {
            try {
                reader.close();
            } catch (SQLException e) {
                failure = database.failure("closing a read connection", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
