package dev.skiff.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import dev.skiff.runtime.docker.http.EngineEndpoint;
import dev.skiff.runtime.docker.http.EngineHttpClient;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Builds docker-java clients on Skiff's own transport ({@link EngineHttpClient}), or that transport
 * alone for the engine calls docker-java has no command for. The response timeout bounds every read
 * on the connection, so a client with one cannot follow a quiet log stream or wait out a long stop:
 * such calls need a client without it.
 */
public final class DockerClients {

    private DockerClients() {
    }

    /**
     * A client for the engine at {@code host}; {@code responseTimeout} null for none. Registry
     * credentials come from the usual {@code ~/.docker/config.json}; a {@code tcp://} engine is
     * reached over TLS when {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} say so, as with
     * the Docker CLI, and over plain HTTP otherwise.
     */
    public static DockerClient create(URI host, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = config(host);
        return DockerClientImpl.getInstance(config, transport(config, connectTimeout, responseTimeout));
    }

    /** The transport alone, for raw calls to the engine at {@code host}, set up as {@link #create} sets up a client's. */
    public static DockerHttpClient transport(URI host, Duration connectTimeout, Duration responseTimeout) {
        return transport(config(host), connectTimeout, responseTimeout);
    }

    private static DefaultDockerClientConfig config(URI host) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .build();
    }

    private static DockerHttpClient transport(DefaultDockerClientConfig config, Duration connectTimeout, Duration responseTimeout) {
        EngineEndpoint endpoint = EngineEndpoint.of(config.getDockerHost(), tls(config.getSSLConfig()));
        return new EngineHttpClient(endpoint, connectTimeout, responseTimeout);
    }

    private static SSLContext tls(SSLConfig settings) {
        if (settings == null) {
            return null;
        }
        try {
            return settings.getSSLContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the Docker TLS settings (DOCKER_CERT_PATH): " + e.getMessage(), e);
        }
    }
}
