package dev.skiff.apiserver.http;

import dev.skiff.api.streaming.Channels;
import dev.skiff.api.streaming.PortForwardProtocol;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WebSocket subprotocols the HTTP server accepts in an upgrade: those of the streams of
 * {@code pods/exec} and {@code pods/attach}, and port-forward's SPDY tunnel. Vert.x chooses the client's first one among them;
 * without this list it would choose none, and kubectl gives up on a socket without its protocol.
 */
@ApplicationScoped
public class WebSocketSubProtocols implements HttpServerOptionsCustomizer {

    private static final List<String> SERVED = Stream.concat(Channels.SUBPROTOCOLS.stream(), Stream.of(PortForwardProtocol.SUBPROTOCOL))
            .toList();

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(SERVED);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(SERVED);
    }
}
