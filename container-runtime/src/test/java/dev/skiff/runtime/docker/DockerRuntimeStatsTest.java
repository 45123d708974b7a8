package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.runtime.ContainerStats;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One-shot stats of containers on the real engine. */
class DockerRuntimeStatsTest {

    private static RuntimeFixture fixture;
    private static DockerRuntime runtime;

    @BeforeAll
    static void start() {
        fixture = new RuntimeFixture();
        runtime = fixture.runtime;
    }

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aBusyContainersCpuTimeGrowsAndItUsesMemory() {
        String id = fixture.start(fixture.sandbox("stats"), fixture.shell("burner", "while :; do :; done"));

        ContainerStats first = runtime.stats(id).orElseThrow();
        assertThat(first.memoryWorkingSetBytes()).isPositive();
        assertThat(first.timestamp()).isNotNull();

        await("the CPU time of " + id + " grows").atMost(RuntimeFixture.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> runtime.stats(id).orElseThrow().cpuUsageCoreNanoSeconds() > first.cpuUsageCoreNanoSeconds());
        ContainerStats later = runtime.stats(id).orElseThrow();
        assertThat(later.timestamp()).isAfter(first.timestamp());
        assertThat(later.memoryWorkingSetBytes()).isPositive();
    }

    @Test
    void aContainerThatIsNotRunningOrIsGoneHasNoStats() {
        String sandboxId = fixture.sandbox("stopped");
        String created = runtime.createContainer(sandboxId, fixture.shell("created", "exec sleep 300"));
        assertThat(runtime.stats(created)).isEmpty();

        String running = fixture.start(sandboxId, fixture.shell("sleeper", "exec sleep 300"));
        assertThat(runtime.stats(running)).isPresent();
        runtime.stopContainer(running, Duration.ZERO);
        assertThat(runtime.stats(running)).isEmpty();
        runtime.removeContainer(running);
        assertThat(runtime.stats(running)).isEmpty();

        assertThat(runtime.stats("no-such-container")).isEqualTo(Optional.empty());
    }
}
