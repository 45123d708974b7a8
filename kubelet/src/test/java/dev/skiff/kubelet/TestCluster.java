package dev.skiff.kubelet;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.runtime.docker.DockerRuntime;
import dev.skiff.runtime.docker.DockerSettings;
import dev.skiff.runtime.testing.DockerEngine;
import dev.skiff.runtime.testing.TestImages;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * What the kubelet tests share in one JVM: a real api-server (its own process, embedded store),
 * the real Docker engine (started when it is not running) with the local busybox test image, a
 * client, a Docker runtime for looking at containers directly, and one Vert.x.
 */
final class TestCluster {

    private static ApiServerProcess apiServer;
    private static KubernetesClient client;
    private static DockerRuntime docker;
    private static Vertx vertx;
    private static String busybox;

    private TestCluster() {
    }

    static synchronized void start() throws Exception {
        if (apiServer != null) {
            return;
        }
        DockerEngine.ensureRunning();
        busybox = TestImages.busybox();
        apiServer = ApiServerProcess.start(Map.of());
        client = ApiClient.connect(apiServer.url(), "skiff-test");
        docker = new DockerRuntime(DockerSettings.defaults());
        vertx = Vertx.vertx();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            docker.close();
            vertx.close();
            apiServer.close();
        }, "test-cluster-stop"));
    }

    static String apiServerUrl() {
        return apiServer.url();
    }

    static KubernetesClient client() {
        return client;
    }

    static DockerRuntime docker() {
        return docker;
    }

    static Vertx vertx() {
        return vertx;
    }

    /** The local busybox image ({@code skiff.local/busybox:1}). */
    static String busybox() {
        return busybox;
    }
}
