package dev.skiff.kubelet;

import dev.skiff.kubelet.config.KubeletConfig;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.Sandbox;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real kubelet in the test's JVM — the same {@link Kubelet} the application runs, configured
 * through the same mapping — so a test can stop one and start another for the same node, as a
 * kubelet restart. Timings are shortened; every container it makes carries its node's label.
 */
final class TestKubelet implements AutoCloseable {

    private final Kubelet kubelet;

    private TestKubelet(Kubelet kubelet) {
        this.kubelet = kubelet;
    }

    static TestKubelet start(String nodeName) throws Exception {
        return start(nodeName, Map.of());
    }

    static TestKubelet start(String nodeName, Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("skiff.kubelet.node-name", nodeName);
        settings.put("skiff.kubelet.api-server", TestCluster.apiServerUrl());
        settings.put("skiff.kubelet.address", "127.0.0.1");
        settings.put("skiff.kubelet.port", "0");
        settings.put("skiff.kubelet.root-dir", Path.of("target", "kubelet-root").toAbsolutePath().toString());
        settings.put("skiff.kubelet.node-lease-renew-interval", "1s");
        settings.put("skiff.kubelet.node-status-update-frequency", "1s");
        settings.put("skiff.kubelet.sync-frequency", "2s");
        settings.put("skiff.kubelet.image-pull-timeout", "20s");
        settings.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // Quarkus' own converter, for durations written as 1s or 2m as in application.properties
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(KubeletConfig.class)
                .withSources(new PropertiesConfigSource(settings, "test", 500))
                .build();
        Kubelet kubelet = new Kubelet(config.getConfigMapping(KubeletConfig.class), TestCluster.vertx());
        try {
            kubelet.onStart(null);
        } catch (Exception e) {
            // what started before the failure (its HTTP server, timers, clients) stops with it
            kubelet.onStop(null);
            throw e;
        }
        return new TestKubelet(kubelet);
    }

    String nodeName() {
        return kubelet.identity().name();
    }

    String url() {
        return "http://" + kubelet.identity().address() + ":" + kubelet.identity().port();
    }

    boolean synced() {
        return kubelet.synced();
    }

    /** Stops the kubelet (its containers keep running, as when the process stops). */
    @Override
    public void close() {
        kubelet.onStop(null);
    }

    /** Removes every sandbox and container of a node, whatever state the test left them in. */
    static void removeContainersOf(String nodeName) {
        for (Container container : TestCluster.docker().listContainers(Map.of(PodLabels.NODE, nodeName))) {
            TestCluster.docker().removeContainer(container.id());
        }
        for (Sandbox sandbox : TestCluster.docker().listPodSandboxes(Map.of(PodLabels.NODE, nodeName))) {
            TestCluster.docker().removePodSandbox(sandbox.id());
        }
    }
}
