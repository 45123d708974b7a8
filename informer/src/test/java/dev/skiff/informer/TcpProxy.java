package dev.skiff.informer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP proxy in front of a real server, so a test can cut every open connection (a watch
 * stream ends) and hold new ones at the door until it releases them (a client cannot reconnect yet).
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CountDownLatch door = new CountDownLatch(0);

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A proxy to the loopback server at the URL; its own URL is {@link #url()}. */
    static TcpProxy to(String url) throws IOException {
        TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), URI.create(url).getPort());
        proxy.threads.submit(proxy::accept);
        return proxy;
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** New connections wait until {@link #release()}. */
    void hold() {
        door = new CountDownLatch(1);
    }

    void release() {
        door.countDown();
    }

    /** Closes every open connection, both sides. */
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        cut();
        threads.shutdownNow();
    }

    private Void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                threads.submit(() -> connect(client));
            } catch (IOException e) {
                // closed
            }
        }
        return null;
    }

    private Void connect(Socket client) throws InterruptedException {
        door.await();
        try {
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(server);
            threads.submit(() -> pump(client, server));
            threads.submit(() -> pump(server, client));
        } catch (IOException e) {
            closeQuietly(client);
        }
        return null;
    }

    private static Void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
