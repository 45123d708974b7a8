package dev.skiff.kubelet;

import dev.skiff.kubelet.pod.PodLabels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl against the api-server and a real kubelet: {@code apply} a pod with its node
 * set → Running with a pod IP; {@code logs} and {@code logs -f} go through the api-server's
 * pods/log to the kubelet; {@code delete} → its containers are gone.
 */
@Timeout(180)
class KubectlEndToEndTest {

    private static final String NODE = "kubectl-e2e";
    private static final String NS = "kubectl-e2e";
    private static TestKubelet kubelet;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        TestPods.createNamespace(NS);
        kubelet = TestKubelet.start(NODE);
    }

    @AfterAll
    static void stop() {
        kubelet.close();
        TestKubelet.removeContainersOf(NODE);
    }

    @Test
    void applyLogsFollowAndDelete() throws Exception {
        Path manifest = Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: counter
                  namespace: %s
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: main
                    image: %s
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.3; done"]
                """.formatted(NS, NODE, TestCluster.busybox()));
        assertThat(kubectl("apply", "-f", manifest.toString()).stdout()).contains("pod/counter created");
        assertThat(kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/counter", "--timeout=60s").exitCode()).isZero();
        assertThat(kubectl("-n", NS, "get", "pod", "counter", "-o", "jsonpath={.status.phase} {.status.podIP}").stdout())
                .matches("Running \\d+\\.\\d+\\.\\d+\\.\\d+");

        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl("-n", NS, "logs", "counter").stdout().contains("line 2\n"));
        assertThat(kubectl("-n", NS, "logs", "counter", "--tail", "1").stdout().strip()).matches("line \\d+");

        List<String> followed = new CopyOnWriteArrayList<>();
        Process follow = new ProcessBuilder(kubectlCommand("-n", NS, "logs", "-f", "counter", "--tail", "1")).redirectErrorStream(true).start();
        try {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        followed.add(line);
                    }
                } catch (IOException e) {
                    followed.add("read failed: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            // -f keeps delivering lines the container writes after the command started
            await().atMost(Duration.ofSeconds(30)).until(() -> followed.size() >= 4);
            assertThat(followed).allMatch(line -> line.matches("line \\d+"));
            assertThat(follow.isAlive()).isTrue();
        } finally {
            follow.destroy();
        }

        assertThat(kubectl("-n", NS, "delete", "pod", "counter", "--timeout=60s").stdout()).contains("pod \"counter\" deleted");
        assertThat(kubectl("-n", NS, "get", "pod", "counter").stderr()).contains("NotFound");
        assertThat(TestCluster.docker().listContainers(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, "counter"))).isEmpty();
        assertThat(TestCluster.docker().listPodSandboxes(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, "counter"))).isEmpty();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result kubectl(String... args) throws Exception {
        Process process = new ProcessBuilder(kubectlCommand(args)).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static List<String> kubectlCommand(String... args) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        if (!Files.exists(kubeconfig)) {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: skiff
                      cluster: {server: %s}
                    users:
                    - name: skiff
                      user: {}
                    contexts:
                    - name: skiff
                      context: {cluster: skiff, user: skiff}
                    current-context: skiff
                    """.formatted(TestCluster.apiServerUrl()));
        }
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
