package dev.skiff.runtime.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * The stdin of an exec: chunks the caller queues without waiting, read by the transport's thread
 * that writes them to the engine. Over {@code limit} queued bytes a write says so (the caller stops
 * reading its source) and {@code drained} runs once half of it has been written.
 */
final class ExecStdin extends InputStream {

    private final int limit;
    private final Runnable drained;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int offset;
    private long queued;
    private boolean ended;
    private boolean full;

    ExecStdin(int limit, Runnable drained) {
        this.limit = limit;
        this.drained = drained;
    }

    /** Queues the chunk; false when the queue is over its limit. Ignored once ended. */
    synchronized boolean write(byte[] chunk) {
        if (ended) {
            return true;
        }
        if (chunk.length > 0) {
            chunks.add(chunk);
            queued += chunk.length;
            notifyAll();
        }
        full = queued >= limit;
        return !full;
    }

    /** No more chunks: the reader gets EOF after what is queued. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** No more chunks and what is queued is dropped: the reader gets EOF at once. */
    synchronized void abort() {
        chunks.clear();
        queued = 0;
        ended = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int at, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        boolean hasRoom;
        synchronized (this) {
            while (chunks.isEmpty() && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for stdin");
                }
            }
            byte[] first = chunks.peek();
            if (first == null) {
                return -1;
            }
            n = Math.min(length, first.length - offset);
            System.arraycopy(first, offset, bytes, at, n);
            offset += n;
            if (offset == first.length) {
                chunks.poll();
                offset = 0;
            }
            queued -= n;
            hasRoom = full && queued <= limit / 2;
            if (hasRoom) {
                full = false;
            }
        }
        if (hasRoom) {
            drained.run();
        }
        return n;
    }

    @Override
    public void close() {
        abort();
    }
}
