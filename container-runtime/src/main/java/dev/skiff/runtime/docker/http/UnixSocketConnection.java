package dev.skiff.runtime.docker.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection over the engine's Unix socket. A Unix-domain {@link SocketChannel} has no socket
 * read timeout, so the channel is non-blocking and every wait is a {@link Selector#select(long)}
 * bounded by the read timeout. Reading and writing wait on selectors of their own, so that one
 * thread can read while another writes.
 */
final class UnixSocketConnection implements Closeable {

    private final SocketChannel channel;
    /** The channel is registered with each for the one operation waited for there. */
    private final Selector reads;
    /** Opened the first time a write has to wait (a hijacked exec's stdin): most calls never do. */
    private Selector writes;
    private final long timeoutMillis;

    private UnixSocketConnection(SocketChannel channel, Selector reads, Duration readTimeout) {
        this.channel = channel;
        this.reads = reads;
        this.timeoutMillis = readTimeout == null ? 0 : Math.max(1, readTimeout.toMillis());
    }

    /** Connects at once: a local socket either accepts or refuses; {@code readTimeout} null for none. */
    static EngineSocket connect(Path socket, Duration readTimeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            UnixSocketConnection connection = new UnixSocketConnection(channel, selector, readTimeout);
            return new EngineSocket(connection.new Input(), connection.new Output(), connection, channel::shutdownOutput);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    /** Closes the selectors first: that wakes a read or write waiting in one, which then finds the channel closed. */
    @Override
    public synchronized void close() throws IOException {
        try (channel; Selector waitingWrites = writes) {
            reads.close();
        }
    }

    private synchronized Selector writes() throws IOException {
        if (writes == null) {
            if (!channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
            writes = Selector.open();
            channel.register(writes, SelectionKey.OP_WRITE);
        }
        return writes;
    }

    /** Waits until the channel is ready for the operation SELECTOR waits for, the read timeout at most. */
    private void await(Selector selector) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        try {
            while (true) {
                long wait = 0;
                if (timeoutMillis > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("no answer within " + timeoutMillis + " ms");
                    }
                    wait = Math.max(1, left / 1_000_000);
                }
                int ready = selector.select(wait);
                if (!channel.isOpen()) {
                    throw new AsynchronousCloseException();
                }
                if (ready > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
            }
        } catch (ClosedSelectorException | CancelledKeyException closed) {
            throw new AsynchronousCloseException();
        }
    }

    private final class Input extends BlockInputStream {

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                await(reads);
            }
        }

        @Override
        public void close() throws IOException {
            UnixSocketConnection.this.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(writes());
                }
            }
        }

        @Override
        public void close() throws IOException {
            UnixSocketConnection.this.close();
        }
    }
}
