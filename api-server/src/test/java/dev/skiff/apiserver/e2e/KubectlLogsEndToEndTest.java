package dev.skiff.apiserver.e2e;

import dev.skiff.apiserver.KubeletStub;
import dev.skiff.testing.Kubectl;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl logs} (oldest and newest supported builds and the one on the PATH) through the
 * api-server to a stand-in kubelet on the pod's node, which tails like a real one.
 */
@QuarkusTest
class KubectlLogsEndToEndTest {

    private static final List<String> LOG = List.of("one", "two", "three");

    private static KubeletStub kubelet;

    @TestHTTPResource("/")
    URI base;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKubelet() throws Exception {
        kubelet = new KubeletStub();
    }

    @AfterAll
    static void stopKubelet() throws Exception {
        kubelet.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubectl", "kubectl.1.27", "kubectl.1.33"})
    void kubectlLogs(String build) throws Exception {
        try (Kubectl kubectl = Kubectl.forServer("http://" + base.getHost() + ":" + base.getPort(), build)) {
            logsThroughTheKubelet(kubectl, build);
        }
    }

    private void logsThroughTheKubelet(Kubectl kubectl, String build) throws Exception {
        String suffix = build.replace("kubectl", "v").replace(".", "-").replace("v-", "v");
        String ns = "e2e-logs-" + suffix;
        String node = "e2e-logs-node-" + suffix;
        String path = "/containerLogs/" + ns + "/web/main";
        kubelet.answer(path, KubectlLogsEndToEndTest::answer);

        ok(kubectl, "create", "namespace", ns);
        ok(kubectl, "create", "-f", Files.writeString(dir.resolve("node.yaml"), """
                apiVersion: v1
                kind: Node
                metadata:
                  name: %s
                status:
                  addresses:
                  - {type: InternalIP, address: 127.0.0.1}
                  daemonEndpoints:
                    kubeletEndpoint: {Port: %d}
                """.formatted(node, kubelet.port())).toString());
        ok(kubectl, "-n", ns, "create", "-f", Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  nodeName: %s
                  containers:
                  - name: main
                    image: skiff.local/busybox:1
                """.formatted(node)).toString());

        assertThat(ok(kubectl, "-n", ns, "logs", "web").stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(ok(kubectl, "-n", ns, "logs", "web", "--tail", "1").stdout()).isEqualTo("three\n");
        assertThat(ok(kubectl, "-n", ns, "logs", "-f", "pod/web", "-c", "main", "--since", "5m", "--limit-bytes", "100",
                "--timestamps").stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(kubelet.requests(path)).extracting(KubeletStub.Request::query).containsExactly(
                Map.of(),
                Map.of("tailLines", "1"),
                Map.of("follow", "true", "sinceSeconds", "300", "limitBytes", "100", "timestamps", "true"));

        Kubectl.Result previous = kubectl.run("-n", ns, "logs", "web", "--previous");
        assertThat(previous.exitCode()).as(previous.toString()).isNotZero();
        assertThat(previous.stderr()).contains("previous terminated container \"main\" in pod \"web\" not found");
    }

    /** A kubelet's answer: the log, or its last tailLines lines; a 400 Status for the previous container's log. */
    private static void answer(HttpServerRequest request) {
        if ("true".equals(request.getParam("previous"))) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json").end("""
                    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                    "message":"previous terminated container \\"main\\" in pod \\"web\\" not found",\
                    "reason":"BadRequest","code":400}""");
            return;
        }
        String tail = request.getParam("tailLines");
        List<String> lines = tail == null ? LOG : LOG.subList(Math.max(0, LOG.size() - Integer.parseInt(tail)), LOG.size());
        request.response().setChunked(true).putHeader("Content-Type", "text/plain");
        lines.forEach(line -> request.response().write(line + "\n"));
        request.response().end();
    }

    private static Kubectl.Result ok(Kubectl kubectl, String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }
}
