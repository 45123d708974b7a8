package dev.skiff.runtime.docker.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Where the Docker engine listens: {@code unix:///var/run/docker.sock}, or {@code tcp://HOST[:PORT][/PREFIX]}
 * (plain HTTP on 2375 by default, TLS on 2376 when a TLS context is given, as the Docker CLI does).
 */
public final class EngineEndpoint {

    private final URI uri;
    private final Path socket;
    private final String host;
    private final int port;
    private final SSLContext tls;
    private final String pathPrefix;

    private EngineEndpoint(URI uri, Path socket, String host, int port, SSLContext tls, String pathPrefix) {
        this.uri = uri;
        this.socket = socket;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.pathPrefix = pathPrefix;
    }

    /** {@code tls} is used for {@code tcp://} only; null for plain HTTP. */
    public static EngineEndpoint of(URI uri, SSLContext tls) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix":
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new IllegalArgumentException("Docker host " + uri + " names no socket file");
                }
                return new EngineEndpoint(uri, Path.of(uri.getPath()), null, 0, null, "");
            case "tcp":
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("Docker host " + uri + " names no host");
                }
                int port = uri.getPort() > 0 ? uri.getPort() : tls == null ? 2375 : 2376;
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                return new EngineEndpoint(uri, null, uri.getHost(), port, tls, prefix);
            default:
                throw new IllegalArgumentException("Docker host " + uri + ": only unix:// and tcp:// are supported");
        }
    }

    /** A new connection; a Unix socket connects at once, so only TCP uses the connect timeout. */
    EngineSocket connect(Duration connectTimeout, Duration readTimeout) throws IOException {
        return socket != null ? UnixSocketConnection.connect(socket, readTimeout) : connectTcp(connectTimeout, readTimeout);
    }

    private EngineSocket connectTcp(Duration connectTimeout, Duration readTimeout) throws IOException {
        Socket connection = new Socket();
        try {
            connection.connect(new InetSocketAddress(host, port), millis(connectTimeout));
            connection.setSoTimeout(millis(readTimeout));
            connection.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(connection, host, port, true);
                secured.startHandshake();
                connection = secured;
            }
            Socket connected = connection;
            // TLS has no half-close: over it, the end of an exec's stdin does not reach the command
            EngineSocket.OutputEnd outputEnd = tls != null ? () -> { } : connected::shutdownOutput;
            return new EngineSocket(connection.getInputStream(), connection.getOutputStream(), connection, outputEnd);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Socket timeouts in milliseconds, 0 for none. */
    private static int millis(Duration timeout) {
        return timeout == null ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** The value of the {@code Host} header: the engine ignores it on its socket, HTTP/1.1 needs one. */
    String hostHeader() {
        return socket != null ? "docker" : host + ":" + port;
    }

    /** What goes before every request path; empty unless the tcp URI has a path. */
    String pathPrefix() {
        return pathPrefix;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
