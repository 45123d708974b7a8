package dev.skiff.systemtests.cluster;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ./skiff up} says when SKIFF_CONTROL_PLANE_JVM holds an option the JVM refuses. */
@Timeout(180)
class ControlPlaneJvmOptionsTest {

    @Test
    void anOptionTheJvmRefusesStopsUpWithTheJvmsReason() throws IOException {
        try (SkiffCluster cluster = SkiffCluster.prepare("bad-jvm", 1).env("SKIFF_CONTROL_PLANE_JVM", "-Xss1m -XX:+NoSuchOption")) {
            CommandResult up = cluster.tryUp();

            assertThat(up.exitCode()).as(up.toString()).isNotZero();
            assertThat(up.stderr()).contains("api-server failed to start: the JVM did not start: Unrecognized VM option 'NoSuchOption'");
            assertThat(Files.exists(cluster.home().resolve("run").resolve("api-server.pid"))).isFalse();
            assertThat(cluster.skiff("status").stdoutIfOk()).containsPattern("api-server\\s+stopped");
        }
    }
}
