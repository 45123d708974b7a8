package dev.skiff.runtime.docker.http;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** A response whose body reads from the connection; closing either the body or the response closes the connection. */
final class EngineResponse implements DockerHttpClient.Response {

    private final ResponseHead head;
    private final InputStream body;
    private final EngineSocket socket;

    EngineResponse(ResponseHead head, InputStream body, EngineSocket socket) {
        this.head = head;
        this.body = body;
        this.socket = socket;
    }

    @Override
    public int getStatusCode() {
        return head.status();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return head.headers();
    }

    @Override
    public String getHeader(String name) {
        return head.header(name);
    }

    @Override
    public InputStream getBody() {
        return body;
    }

    @Override
    public void close() {
        socket.close();
    }
}
