package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.ContainerSummary;
import dev.skiff.runtime.LogOptions;
import dev.skiff.runtime.Mount;
import dev.skiff.runtime.PodContainers;
import dev.skiff.runtime.Resources;
import dev.skiff.runtime.RuntimeListing;
import dev.skiff.runtime.Sandbox;
import dev.skiff.runtime.testing.DockerEngine;
import dev.skiff.runtime.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerRuntimeContainerTest {

    private static RuntimeFixture fixture;
    private static DockerRuntime runtime;
    private static String entrypointImage;

    private String sandboxId;

    @BeforeAll
    static void start() {
        fixture = new RuntimeFixture();
        runtime = fixture.runtime;
        entrypointImage = "skiff.local/entrypoint-test:" + fixture.run;
        try (DockerClient docker = DockerEngine.client()) {
            TestImages.busyboxArchive(entrypointImage).entrypoint("echo", "image-entrypoint").cmd("image-cmd").loadInto(docker);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    @AfterAll
    static void stop() throws IOException {
        try (DockerClient docker = DockerEngine.client()) {
            docker.removeImageCmd(entrypointImage).withForce(true).exec();
        } finally {
            fixture.close();
        }
    }

    private String sandbox() {
        if (sandboxId == null) {
            sandboxId = fixture.sandbox("containers");
        }
        return sandboxId;
    }

    private String outputOf(ContainerConfig config) {
        String id = fixture.start(sandbox(), config);
        fixture.awaitExit(id);
        return fixture.logs(id, LogOptions.ALL);
    }

    private ContainerConfig entrypointImage(String name, List<String> command, List<String> args) {
        return new ContainerConfig(name, 0, entrypointImage, command, args, null, Map.of(), List.of(), Resources.NONE,
                fixture.runLabels);
    }

    @Test
    void commandReplacesTheEntrypointAndArgsTheCmdAsInKubernetes() {
        assertThat(outputOf(entrypointImage("neither", List.of(), List.of())))
                .isEqualTo("image-entrypoint image-cmd\n");
        assertThat(outputOf(entrypointImage("command", List.of("echo", "from-command"), List.of())))
                .as("the image's cmd is dropped when the command is given").isEqualTo("from-command\n");
        assertThat(outputOf(entrypointImage("args", List.of(), List.of("from-args"))))
                .isEqualTo("image-entrypoint from-args\n");
        assertThat(outputOf(entrypointImage("both", List.of("echo", "from-command"), List.of("from-args"))))
                .isEqualTo("from-command from-args\n");
    }

    @Test
    void environmentKeepsItsOrderAndTheWorkingDirectoryApplies() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z_FIRST", "1");
        env.put("A_SECOND", "two words");
        env.put("M_THIRD", "$(NOT_EXPANDED)");
        ContainerConfig config = new ContainerConfig("env", 0, fixture.busybox,
                List.of("sh", "-c", "pwd; echo \"$A_SECOND|$M_THIRD\"; tr '\\0' '\\n' < /proc/1/environ | grep -E '^(Z_FIRST|A_SECOND|M_THIRD)='"),
                List.of(), "/tmp", env, List.of(), Resources.NONE, fixture.runLabels);

        assertThat(outputOf(config)).isEqualTo("/tmp\ntwo words|$(NOT_EXPANDED)\nZ_FIRST=1\nA_SECOND=two words\nM_THIRD=$(NOT_EXPANDED)\n");
    }

    @Test
    void mountsAreWritableOrReadOnly(@TempDir Path data, @TempDir Path config) throws IOException {
        Files.writeString(config.resolve("settings"), "from-the-host\n");
        ContainerConfig writer = fixture.withMounts(fixture.shell("mounts",
                        "cat /config/settings > /data/copy; if touch /config/new 2>/dev/null; then echo writable; else echo read-only; fi"),
                List.of(new Mount(data.toString(), "/data", false), new Mount(config.toString(), "/config", true)));

        assertThat(outputOf(writer)).isEqualTo("read-only\n");
        assertThat(Files.readString(data.resolve("copy"))).isEqualTo("from-the-host\n");
        assertThat(config.resolve("new")).doesNotExist();
    }

    @Test
    void resourcesReachTheEngine() throws IOException {
        ContainerConfig limited = new ContainerConfig("limited", 0, fixture.busybox, List.of("sleep", "300"), List.of(),
                null, Map.of(), List.of(), new Resources(512, 50_000, 100_000, 64L << 20), fixture.runLabels);
        String id = runtime.createContainer(sandbox(), limited);

        try (DockerClient docker = DockerEngine.client()) {
            HostConfig host = docker.inspectContainerCmd(id).exec().getHostConfig();
            assertThat(host.getCpuShares()).isEqualTo(512);
            assertThat(host.getCpuQuota()).isEqualTo(50_000L);
            assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
            assertThat(host.getMemory()).isEqualTo(64L << 20);
            assertThat(host.getMemorySwap()).isEqualTo(64L << 20);
            assertThat(host.getNetworkMode()).isEqualTo("container:" + sandbox());
            assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
        }
    }

    @Test
    void aShellWithStdinAndATerminalWaitsOnThemWhereOneWithoutEndsAtOnce() {
        ContainerConfig waiting = new ContainerConfig("waits", 0, fixture.busybox, List.of("sh"), List.of(), null, Map.of(),
                List.of(), Resources.NONE, fixture.runLabels, new ContainerConfig.Stdio(true, false, true));
        String id = fixture.start(sandbox(), waiting);

        assertThat(runtime.exec(id, List.of("readlink", "/proc/1/fd/0"), Duration.ofSeconds(10)).output())
                .as("the shell reads a terminal").startsWith("/dev/pts/");
        assertThat(runtime.container(id).orElseThrow().state()).isEqualTo(Container.ContainerState.RUNNING);

        String ended = fixture.start(sandbox(), new ContainerConfig("ends", 0, fixture.busybox, List.of("sh"), List.of(), null,
                Map.of(), List.of(), Resources.NONE, fixture.runLabels));
        assertThat(fixture.awaitExit(ended).exitCode()).as("its stdin is empty: the shell ends").isZero();
    }

    @Test
    void exitCodesAndReasonsAreKubernetes() {
        String completed = fixture.start(sandbox(), fixture.shell("completes", "exit 0"));
        String failed = fixture.start(sandbox(), new ContainerConfig("fails", 2, fixture.busybox, List.of("sh", "-c", "exit 3"),
                List.of(), null, Map.of(), List.of(), Resources.NONE, fixture.runLabels));

        Container done = fixture.awaitExit(completed);
        assertThat(done.reason()).isEqualTo("Completed");
        assertThat(done.exitCode()).isZero();
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.createdAt()).isBeforeOrEqualTo(done.startedAt());
        assertThat(done.name()).isEqualTo("completes");
        assertThat(done.sandboxId()).isEqualTo(sandbox());
        assertThat(done.image()).isEqualTo(fixture.busybox);
        assertThat(done.imageId()).startsWith("sha256:").isEqualTo(runtime.image(fixture.busybox).orElseThrow().id());
        assertThat(done.labels()).isEqualTo(fixture.runLabels);

        Container error = fixture.awaitExit(failed);
        assertThat(error.reason()).isEqualTo("Error");
        assertThat(error.exitCode()).isEqualTo(3);
        assertThat(error.attempt()).isEqualTo(2);
    }

    @Test
    void aContainerIsCreatedBeforeItRunsAndOneThatCannotStartSaysWhy() {
        String created = runtime.createContainer(sandbox(), fixture.config("waits", List.of("true")));
        Container waiting = runtime.container(created).orElseThrow();
        assertThat(waiting.state()).isEqualTo(ContainerState.CREATED);
        assertThat(waiting.startedAt()).isNull();
        assertThat(waiting.finishedAt()).isNull();
        assertThat(waiting.reason()).isEmpty();

        String broken = runtime.createContainer(sandbox(), fixture.config("broken", List.of("/no/such/program")));
        assertThatThrownBy(() -> runtime.startContainer(broken))
                .isInstanceOf(DockerEngineException.class)
                .hasMessageContaining("/no/such/program");
        Container failed = runtime.container(broken).orElseThrow();
        assertThat(failed.state()).isEqualTo(ContainerState.EXITED);
        assertThat(failed.reason()).isEqualTo("StartError");
        assertThat(failed.message()).contains("/no/such/program");
        assertThat(failed.exitCode()).isNotZero();
    }

    @Test
    void listingsShowEveryChangeOfStateThoughInspectionsAreReused() {
        Map<String, String> labels = fixture.labels("role", "changes");
        String runs = fixture.start(sandbox(), labelled(fixture.config("runs", List.of("sleep", "300")), "role", "changes"));
        Container running = only(runtime.listPodContainers(labels));
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(only(runtime.listPodContainers(labels))).as("unchanged, so as inspected before").isEqualTo(running);

        runtime.stopContainer(runs, Duration.ZERO);
        Container stopped = only(runtime.listPodContainers(labels));
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(stopped.finishedAt()).isAfterOrEqualTo(running.startedAt());
        runtime.removeContainer(runs);
        assertThat(runtime.listPodContainers(labels).containers()).isEmpty();

        String broken = runtime.createContainer(sandbox(),
                labelled(fixture.config("broken", List.of("/no/such/program")), "role", "changes"));
        assertThat(only(runtime.listPodContainers(labels)).state()).isEqualTo(ContainerState.CREATED);
        assertThatThrownBy(() -> runtime.startContainer(broken)).isInstanceOf(DockerEngineException.class);
        Container failed = only(runtime.listPodContainers(labels));
        assertThat(failed.state()).as("still 'created' to Docker, but with the start's error").isEqualTo(ContainerState.EXITED);
        assertThat(failed.reason()).isEqualTo("StartError");
    }

    private static Container only(PodContainers pod) {
        assertThat(pod.containers()).hasSize(1);
        return pod.containers().get(0);
    }

    @Test
    void aContainerOverItsMemoryLimitIsOomKilled() {
        ContainerConfig hungry = new ContainerConfig("hungry", 0, fixture.busybox, List.of("tail", "/dev/zero"), List.of(),
                null, Map.of(), List.of(), new Resources(0, 0, 0, 16L << 20), fixture.runLabels);
        Container killed = fixture.awaitExit(fixture.start(sandbox(), hungry));

        assertThat(killed.reason()).isEqualTo("OOMKilled");
        assertThat(killed.exitCode()).isEqualTo(137);
    }

    @Test
    void stopSendsTermAndKillsAfterTheGracePeriod() {
        String polite = fixture.start(sandbox(), fixture.shell("polite",
                "trap 'echo got-term; exit 0' TERM; echo ready; while true; do sleep 0.1; done"));
        String stubborn = fixture.start(sandbox(), fixture.shell("stubborn",
                "trap '' TERM; echo ready; while true; do sleep 0.1; done"));
        fixture.awaitOutput(polite, "ready");
        fixture.awaitOutput(stubborn, "ready");

        long politeStart = System.nanoTime();
        runtime.stopContainer(polite, Duration.ofSeconds(30));
        Duration politeTook = Duration.ofNanos(System.nanoTime() - politeStart);
        Container politeStopped = runtime.container(polite).orElseThrow();
        assertThat(politeTook).isLessThan(Duration.ofSeconds(10));
        assertThat(politeStopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(politeStopped.exitCode()).isZero();
        assertThat(fixture.logs(polite, LogOptions.ALL)).isEqualTo("ready\ngot-term\n");

        long stubbornStart = System.nanoTime();
        runtime.stopContainer(stubborn, Duration.ofSeconds(2));
        Duration stubbornTook = Duration.ofNanos(System.nanoTime() - stubbornStart);
        Container stubbornStopped = runtime.container(stubborn).orElseThrow();
        assertThat(stubbornTook).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(stubbornStopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stubbornStopped.exitCode()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(stubbornStopped.reason()).isEqualTo("Error");

        runtime.stopContainer(stubborn, Duration.ofSeconds(2));
        runtime.stopContainer("no-such-container", Duration.ofSeconds(2));
        runtime.removeContainer(stubborn);
        runtime.removeContainer(stubborn);
        assertThat(runtime.container(stubborn)).isEmpty();
        assertThat(runtime.container(sandbox())).as("a sandbox is not an app container").isEmpty();
    }

    @Test
    void containersAreListedByLabelsInAnyState() {
        ContainerConfig exits = labelled(fixture.config("exits", List.of("true")), "role", "x");
        ContainerConfig runs = labelled(fixture.config("runs", List.of("sleep", "300")), "role", "x");
        ContainerConfig other = labelled(fixture.config("other", List.of("sleep", "300")), "role", "y");
        String exited = fixture.start(sandbox(), exits);
        String running = fixture.start(sandbox(), runs);
        String elsewhere = fixture.start(sandbox(), other);
        fixture.awaitExit(exited);

        assertThat(runtime.listContainers(fixture.labels("role", "x")))
                .extracting(Container::id, Container::name, Container::state)
                .containsExactlyInAnyOrder(
                        tuple(exited, "exits", ContainerState.EXITED),
                        tuple(running, "runs", ContainerState.RUNNING));
        assertThat(runtime.listContainers(fixture.labels("role", "y"))).extracting(Container::id).containsExactly(elsewhere);
        assertThat(runtime.listContainers(fixture.labels("role", "z"))).isEmpty();

        RuntimeListing listing = runtime.list(fixture.labels("role", "x"));
        assertThat(listing.containers())
                .extracting(ContainerSummary::id, ContainerSummary::sandboxId, ContainerSummary::state)
                .containsExactlyInAnyOrder(
                        tuple(exited, sandbox(), ContainerState.EXITED),
                        tuple(running, sandbox(), ContainerState.RUNNING));
        assertThat(listing.containers()).allSatisfy(summary -> assertThat(summary.labels()).containsEntry("role", "x"));
        assertThat(listing.sandboxes()).as("the sandbox does not carry the label").isEmpty();
        assertThat(runtime.list(fixture.labels("role", "z")).containers()).isEmpty();
        RuntimeListing everything = runtime.list(fixture.runLabels);
        assertThat(everything.sandboxes()).extracting(Sandbox::id).containsExactly(sandbox());
        assertThat(everything.containers()).extracting(ContainerSummary::id).containsExactlyInAnyOrder(exited, running, elsewhere);

        PodContainers pod = runtime.listPodContainers(fixture.runLabels);
        assertThat(pod.sandboxes()).extracting(Sandbox::id).containsExactly(sandbox());
        assertThat(pod.containers()).as("each as listContainers gives it")
                .containsExactlyInAnyOrderElementsOf(runtime.listContainers(fixture.runLabels))
                .extracting(Container::id).containsExactlyInAnyOrder(exited, running, elsewhere);
        PodContainers roleX = runtime.listPodContainers(fixture.labels("role", "x"));
        assertThat(roleX.sandboxes()).as("the sandbox does not carry the label").isEmpty();
        assertThat(roleX.containers()).extracting(Container::id).containsExactlyInAnyOrder(exited, running);
        assertThat(runtime.listPodContainers(fixture.labels("role", "z")).isEmpty()).isTrue();
    }

    private ContainerConfig labelled(ContainerConfig config, String key, String value) {
        return new ContainerConfig(config.name(), config.attempt(), config.image(), config.command(), config.args(),
                config.workingDir(), config.env(), config.mounts(), config.resources(), fixture.labels(key, value), config.stdio());
    }
}
