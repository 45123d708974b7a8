package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skiff.runtime.testing.DockerEngine;
import dev.skiff.runtime.testing.StallingEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that accepts calls and never answers (a deadlocked dockerd) must not hold the kubelet's threads. */
class DockerRuntimeStuckEngineTest {

    @TempDir
    Path directory;

    @Test
    void callsToAnEngineThatNeverAnswersFailAfterTheApiTimeout() throws Exception {
        try (StallingEngine stuck = StallingEngine.listenIn(directory)) {
            DockerSettings settings = DockerEngine.settings().withHost(stuck.host()).withApiTimeout(Duration.ofMillis(500));

            try (DockerRuntime runtime = new DockerRuntime(settings)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> runtime.listPodSandboxes(Map.of()))
                        .isInstanceOfSatisfying(DockerEngineException.class, failure -> assertThat(failure.status()).isZero())
                        .hasMessageStartingWith("list sandboxes: ")
                        .hasMessageContaining("on the Docker engine at " + stuck.host())
                        .hasMessageContaining("no answer within 500 ms"));
            }
        }
    }
}
