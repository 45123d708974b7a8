package dev.skiff.apiserver.http;

import dev.skiff.api.streaming.Channels;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The WebSocket subprotocols the HTTP server accepts in an upgrade: those of the streams of
 * {@code pods/exec} and {@code pods/attach}. Vert.x chooses the client's first one among them;
 * without this list it would choose none, and kubectl gives up on a socket without its protocol.
 */
@ApplicationScoped
public class WebSocketSubProtocols implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(Channels.SUBPROTOCOLS);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(Channels.SUBPROTOCOLS);
    }
}
