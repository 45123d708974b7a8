package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skiff.runtime.testing.DockerEngine;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that accepts calls and never answers (a deadlocked dockerd) must not hold the kubelet's threads. */
class DockerRuntimeStuckEngineTest {

    @TempDir
    Path directory;

    @Test
    void callsToAnEngineThatNeverAnswersFailAfterTheApiTimeout() throws Exception {
        Path socket = directory.resolve("stuck.sock");
        List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stuck.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(stuck.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DockerSettings settings = DockerEngine.settings().withHost(URI.create("unix://" + socket))
                    .withApiTimeout(Duration.ofMillis(500));

            try (DockerRuntime runtime = new DockerRuntime(settings)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> runtime.listPodSandboxes(Map.of()))
                        .isInstanceOfSatisfying(DockerEngineException.class, failure -> assertThat(failure.status()).isZero())
                        .hasMessageStartingWith("list sandboxes: ")
                        .hasMessageContaining("on the Docker engine at unix://" + socket)
                        .hasMessageContaining("no answer within 500 ms"));
            }
        } finally {
            for (SocketChannel each : accepted) {
                each.close();
            }
        }
    }

}
