package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.runtime.Container;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.LogOptions;
import dev.skiff.runtime.Mount;
import dev.skiff.runtime.PortMapping;
import dev.skiff.runtime.Resources;
import dev.skiff.runtime.SandboxConfig;
import dev.skiff.runtime.testing.DockerEngine;
import dev.skiff.runtime.testing.TestImages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A runtime on the test engine, and what the tests make with it: every sandbox and container
 * carries this fixture's run label, and {@link #cleanUp()} removes all of them.
 */
final class RuntimeFixture implements AutoCloseable {

    static final String RUN_LABEL = "skiff.test.run";
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> runLabels = Map.of(RUN_LABEL, run);
    final DockerRuntime runtime;
    final String busybox;

    RuntimeFixture() {
        this(DockerEngine.settings());
    }

    RuntimeFixture(DockerSettings settings) {
        DockerEngine.ensureRunning();
        busybox = TestImages.busybox();
        runtime = new DockerRuntime(settings);
    }

    Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new HashMap<>(runLabels);
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    SandboxConfig sandboxConfig(String pod, Map<String, String> labels, PortMapping... ports) {
        return new SandboxConfig("test-" + run, pod, UUID.randomUUID().toString(), 0, pod, false, List.of(ports), labels);
    }

    String sandbox(String pod) {
        return runtime.runPodSandbox(sandboxConfig(pod, runLabels));
    }

    ContainerConfig config(String name, List<String> command) {
        return new ContainerConfig(name, 0, busybox, command, List.of(), null, Map.of(), List.of(), Resources.NONE, runLabels);
    }

    ContainerConfig shell(String name, String script) {
        return config(name, List.of("sh", "-c", script));
    }

    ContainerConfig withMounts(ContainerConfig config, List<Mount> mounts) {
        return new ContainerConfig(config.name(), config.attempt(), config.image(), config.command(), config.args(),
                config.workingDir(), config.env(), mounts, config.resources(), config.labels(), config.stdio());
    }

    ContainerConfig withStdio(ContainerConfig config, ContainerConfig.Stdio stdio) {
        return new ContainerConfig(config.name(), config.attempt(), config.image(), config.command(), config.args(),
                config.workingDir(), config.env(), config.mounts(), config.resources(), config.labels(), stdio);
    }

    /** Creates and starts the container in the sandbox. */
    String start(String sandboxId, ContainerConfig config) {
        String id = runtime.createContainer(sandboxId, config);
        runtime.startContainer(id);
        return id;
    }

    Container awaitExit(String containerId) {
        await("container " + containerId + " exits").atMost(DEADLINE)
                .until(() -> runtime.container(containerId).orElseThrow().state() == ContainerState.EXITED);
        return runtime.container(containerId).orElseThrow();
    }

    /** The container's whole output, read without following. */
    String logs(String containerId, LogOptions options) {
        CollectingSink sink = new CollectingSink();
        runtime.logs(containerId, options, sink);
        await("logs of " + containerId).atMost(DEADLINE).until(sink::ended);
        assertThat(sink.failure()).isNull();
        return sink.text();
    }

    /** Waits until the container has written {@code text} (e.g. that a signal trap is set). */
    void awaitOutput(String containerId, String text) {
        await("output " + text + " of " + containerId).atMost(DEADLINE)
                .until(() -> logs(containerId, LogOptions.ALL).contains(text));
    }

    void cleanUp() {
        runtime.listPodSandboxes(runLabels).forEach(sandbox -> runtime.removePodSandbox(sandbox.id()));
        runtime.listContainers(runLabels).forEach(container -> runtime.removeContainer(container.id()));
    }

    @Override
    public void close() {
        try {
            cleanUp();
        } finally {
            runtime.close();
        }
    }
}
