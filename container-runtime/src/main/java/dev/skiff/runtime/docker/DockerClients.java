package dev.skiff.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Builds docker-java clients on the zero-dependency transport. The transport's response timeout is
 * a read timeout on the connection, so a client with one cannot follow a quiet log stream or wait
 * out a long stop: such calls need a client without it.
 */
public final class DockerClients {

    private DockerClients() {
    }

    /**
     * A client for the engine at {@code host}; {@code responseTimeout} null for none. Registry
     * credentials come from the usual {@code ~/.docker/config.json}; TLS settings from the usual
     * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}, the JDK's defaults (made on first use) without them.
     */
    public static DockerClient create(URI host, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig() == null ? new DefaultTlsOnDemand() : config.getSSLConfig())
                .connectionTimeout(connectTimeout);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }
}
