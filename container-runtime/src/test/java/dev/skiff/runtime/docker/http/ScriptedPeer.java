package dev.skiff.runtime.docker.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The far end of a connection for the transport's tests: takes one request at a time, records it
 * (head, and a chunked body decoded), writes the scripted answer and then closes, or holds the
 * connection open without a word more: an engine that is stuck.
 */
final class ScriptedPeer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socketFile;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private volatile byte[] answer = new byte[0];
    private volatile boolean hold;
    private volatile SocketChannel current;
    private final Thread thread;

    private ScriptedPeer(ServerSocketChannel server, Path socketFile) {
        this.server = server;
        this.socketFile = socketFile;
        this.thread = new Thread(this::serve, "scripted-docker-peer");
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedPeer onUnixSocket(Path directory) throws IOException {
        Path file = directory.resolve("docker.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(file));
        return new ScriptedPeer(server, file);
    }

    static ScriptedPeer onTcp() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        return new ScriptedPeer(server, null);
    }

    String host() throws IOException {
        return socketFile != null
                ? "unix://" + socketFile
                : "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** The bytes of every answer from now on, written as they are. */
    ScriptedPeer answer(String raw) {
        this.answer = raw.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** After the answer, keep the connection open and say nothing more. */
    ScriptedPeer hold() {
        this.hold = true;
        return this;
    }

    /** The next request received: its head, then its decoded body. */
    String nextRequest() throws InterruptedException {
        return requests.take();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                current = connection;
                InputStream in = Channels.newInputStream(connection);
                requests.add(readRequest(in));
                connection.write(ByteBuffer.wrap(answer));
                while (hold && connection.isOpen() && in.read() >= 0) {
                    // a stuck engine: reads until the client goes away, answers nothing
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        StringBuilder request = new StringBuilder();
        boolean chunked = false;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            request.append(line).append('\n');
            chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
        }
        request.append('\n');
        while (chunked) {
            int size = Integer.parseInt(line(in), 16);
            byte[] chunk = in.readNBytes(size);
            request.append(new String(chunk, StandardCharsets.UTF_8));
            line(in);
            chunked = size > 0;
        }
        return request.toString();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    @Override
    public void close() throws IOException {
        server.close();
        SocketChannel connection = current;
        if (connection != null) {
            connection.close();
        }
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }
}
