package dev.skiff.runtime.docker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {

    @Test
    void tcpUsesDockersDefaultPortsAndAPathPrefixWithoutItsSlash() throws NoSuchAlgorithmException {
        assertThat(EngineEndpoint.of(URI.create("tcp://10.0.0.5"), null).hostHeader()).isEqualTo("10.0.0.5:2375");
        assertThat(EngineEndpoint.of(URI.create("tcp://10.0.0.5"), SSLContext.getDefault()).hostHeader())
                .isEqualTo("10.0.0.5:2376");
        EngineEndpoint prefixed = EngineEndpoint.of(URI.create("tcp://docker.example:4243/engine/"), null);
        assertThat(prefixed.hostHeader()).isEqualTo("docker.example:4243");
        assertThat(prefixed.pathPrefix()).isEqualTo("/engine");
        assertThat(EngineEndpoint.of(URI.create("unix:///var/run/docker.sock"), null).pathPrefix()).isEmpty();
    }

    @Test
    void otherHostsAreRefusedWithTheHostInTheMessage() {
        assertThatThrownBy(() -> EngineEndpoint.of(URI.create("npipe:////./pipe/docker_engine"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Docker host npipe:////./pipe/docker_engine: only unix:// and tcp:// are supported");
        assertThatThrownBy(() -> EngineEndpoint.of(URI.create("unix://"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineEndpoint.of(URI.create("tcp:///path"), null))
                .hasMessage("Docker host tcp:///path names no host");
    }
}
