package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.skiff.runtime.Image;
import dev.skiff.runtime.ImagePullException;
import dev.skiff.runtime.RuntimeInfo;
import dev.skiff.runtime.Sandbox.SandboxState;
import dev.skiff.runtime.testing.DockerEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerRuntimeImageTest {

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
    void infoNamesTheEngineAndItsVersion() throws IOException {
        RuntimeInfo info = runtime.info();

        assertThat(info.name()).isEqualTo("docker");
        try (DockerClient docker = DockerEngine.client()) {
            assertThat(info.version()).isNotEmpty().isEqualTo(docker.versionCmd().exec().getVersion());
        }
        assertThat(info.versionString()).isEqualTo("docker://" + info.version());
    }

    @Test
    void aPresentImageIsFoundAndAMissingOneIsNot() {
        Image busybox = runtime.image(fixture.busybox).orElseThrow();

        assertThat(busybox.id()).startsWith("sha256:");
        assertThat(busybox.reference()).isEqualTo(fixture.busybox);
        assertThat(busybox.sizeBytes()).isGreaterThan(1_000_000);
        assertThat(runtime.image("skiff.local/absent-" + fixture.run + ":1")).isEmpty();
    }

    @Test
    void pullingAnImageThatCannotBeHadFailsFastWithAReasonForThePodStatus() {
        String missing = "skiff.local/absent-" + fixture.run + ":1";

        long start = System.nanoTime();
        assertThatThrownBy(() -> runtime.pullImage(missing))
                .isInstanceOf(ImagePullException.class)
                .hasMessageStartingWith("failed to pull image \"" + missing + "\": ")
                .hasMessageContaining("skiff.local");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThatThrownBy(() -> runtime.pullImage("skiff.local/absent-" + fixture.run))
                .isInstanceOf(ImagePullException.class)
                .hasMessageStartingWith("failed to pull image \"skiff.local/absent-" + fixture.run + "\": ");
    }

    @Test
    void aPullThatHangsIsGivenUpAfterThePullTimeout() throws IOException {
        try (ServerSocket silentRegistry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DockerRuntime impatient = new DockerRuntime(DockerEngine.settings().withPullTimeout(Duration.ofSeconds(1)))) {
            String reference = "127.0.0.1:" + silentRegistry.getLocalPort() + "/hangs:1";

            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.pullImage(reference))
                    .isInstanceOf(ImagePullException.class)
                    .hasMessage("failed to pull image \"" + reference + "\": timed out after 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void theSandboxImageIsBuiltWhenMissing() throws IOException {
        String pause = "skiff.local/pause-test:" + fixture.run;
        try (DockerClient docker = DockerEngine.client()) {
            try (RuntimeFixture own = new RuntimeFixture(DockerEngine.settings().withSandboxImage(pause))) {
                assertThat(own.runtime.image(pause)).isEmpty();

                String sandboxId = own.sandbox("paused");

                assertThat(own.runtime.image(pause)).isPresent();
                assertThat(own.runtime.listPodSandboxes(own.runLabels)).singleElement()
                        .satisfies(sandbox -> assertThat(sandbox.state()).isEqualTo(SandboxState.READY));
                assertThat(docker.inspectContainerCmd(sandboxId).exec().getConfig().getEntrypoint()).containsExactly("/pause");

                removeImage(docker, pause);
                assertThat(own.runtime.image(pause)).as("untagged, though the sandbox still uses it").isEmpty();
                String again = own.sandbox("paused-again");
                assertThat(own.runtime.image(pause)).as("provided again for the next sandbox").isPresent();
                assertThat(docker.inspectContainerCmd(again).exec().getState().getRunning()).isTrue();
            } finally {
                removeImage(docker, pause);
            }
        }
    }

    private static void removeImage(DockerClient docker, String reference) {
        try {
            docker.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException gone) {
            // nothing to remove
        }
    }
}
