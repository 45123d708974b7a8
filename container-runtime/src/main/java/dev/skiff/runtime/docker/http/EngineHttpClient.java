package dev.skiff.runtime.docker.http;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * docker-java's transport, spoken by Skiff: HTTP/1.1 to the engine, one connection per call
 * ({@code Connection: close}; a Unix socket connects in microseconds), request bodies chunked.
 * Every read on the connection waits at most the read timeout, on the Unix socket as well (docker-java's
 * own transports cannot bound reads there, so a stuck engine held the caller forever).
 *
 * <p>A call with stdin (an exec's) hijacks the connection: once the engine has answered, it carries
 * the command's stdin one way ({@link StdinPump}) and its output the other. The request does not ask
 * for an upgrade (the Docker CLI does, getting {@code 101}): the engine hijacks either way, and its
 * {@code 200} is what docker-java takes for success. The engine's raw streams (exec, attach) are
 * read as a body that ends when the engine closes the connection.
 */
public final class EngineHttpClient implements DockerHttpClient {

    private static final int BUFFER = 8 * 1024;

    private final EngineEndpoint endpoint;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** {@code readTimeout} null for none: for calls that may rightly stay quiet (following logs, a long stop). */
    public EngineHttpClient(EngineEndpoint endpoint, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public Response execute(Request request) {
        boolean hijacked = request.hijackedInput() != null;
        EngineSocket socket;
        try {
            socket = endpoint.connect(connectTimeout, readTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the Docker engine at " + endpoint + ": " + e.getMessage(), e);
        }
        try {
            send(request, socket.output(), hijacked);
            InputStream in = new BufferedInputStream(socket.input(), BUFFER);
            ResponseHead head = ResponseHead.read(in);
            if (hijacked && head.status() < 300) {
                StdinPump.start(request.hijackedInput(), socket, request.method() + " " + request.path());
                return new EngineResponse(head, in, socket);
            }
            return new EngineResponse(head, body(head, in), socket);
        } catch (IOException e) {
            socket.close();
            throw new UncheckedIOException(request.method() + " " + request.path() + " on the Docker engine at " + endpoint
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A hijacked call's body is framed by its length: once sent, the connection carries stdin. */
    private void send(Request request, OutputStream connection, boolean hijacked) throws IOException {
        byte[] bytes = request.bodyBytes();
        if (hijacked) {
            bytes = bytes != null ? bytes : request.body() != null ? request.body().readAllBytes() : new byte[0];
        }
        InputStream body = bytes != null ? new ByteArrayInputStream(bytes) : request.body();
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(endpoint.pathPrefix()).append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(endpoint.hostHeader()).append("\r\n");
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (hijacked) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        } else {
            head.append("Connection: close\r\n");
            if (body != null) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
        }
        OutputStream out = new BufferedOutputStream(connection, BUFFER);
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (hijacked) {
            out.write(bytes);
            out.flush();
            return;
        }
        if (body == null) {
            out.flush();
            return;
        }
        ChunkedOutputStream chunked = new ChunkedOutputStream(out);
        try (body) {
            body.transferTo(chunked);
        }
        chunked.finish();
    }

    /** The body as the head frames it; without a length or chunks it lasts until the engine closes. */
    private static InputStream body(ResponseHead head, InputStream in) throws IOException {
        int status = head.status();
        if (status == 204 || status == 304) {
            in.close();
            return InputStream.nullInputStream();
        }
        String transferEncoding = head.header("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = head.header("Content-Length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length);
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes < 0) {
                throw new ProtocolException("the Docker engine sent a malformed Content-Length: " + length);
            }
            return new FixedLengthInputStream(in, bytes);
        }
        return in;
    }

    @Override
    public void close() {
        // no pooled connections: each call's connection closes with its response
    }
}
