package dev.skiff.runtime.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker engine on a Unix socket of its own that accepts connections and never answers, as a
 * deadlocked dockerd does, until {@link #recover} makes it pass every new connection on to the real
 * engine (the connections held until then are closed).
 */
public final class StallingEngine implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile Path realEngine;

    private StallingEngine(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /** Listens on {@code stalling.sock} in DIRECTORY. */
    public static StallingEngine listenIn(Path directory) throws IOException {
        Path socket = directory.resolve("stalling.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        StallingEngine engine = new StallingEngine(server, socket);
        daemon("stalling-engine-acceptor", engine::acceptForever);
        return engine;
    }

    /** The engine's address, as the runtime's settings take it. */
    public URI host() {
        return URI.create("unix://" + socket);
    }

    /** From now on, connections go through to the real engine ({@link DockerEngine}, which must listen on a Unix socket). */
    public void recover() throws IOException {
        URI real = DockerEngine.ensureRunning();
        if (!"unix".equals(real.getScheme())) {
            throw new IllegalStateException("the test engine is not on a Unix socket: " + real);
        }
        realEngine = Path.of(real.getPath());
        closeOpen();
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeOpen();
    }

    private void acceptForever() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                open.add(client);
                Path real = realEngine;
                if (real != null) {
                    SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(real));
                    open.add(engine);
                    daemon("stalling-engine-request", () -> pump(client, engine));
                    daemon("stalling-engine-answer", () -> pump(engine, client));
                }
            }
        } catch (IOException closed) {
            // the engine was closed
        }
    }

    /** Copies FROM to TO until either ends, then closes both. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try (from; to) {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException ended) {
            // one side closed its connection
        }
        open.remove(from);
        open.remove(to);
    }

    private void closeOpen() throws IOException {
        for (SocketChannel each : open) {
            each.close();
        }
        open.clear();
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
