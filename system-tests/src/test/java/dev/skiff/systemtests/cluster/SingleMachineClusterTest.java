package dev.skiff.systemtests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The single-machine cluster as a user starts it ({@code ./skiff up}: embedded store, the
 * api-server's watch, one kubelet on the local Docker engine), driven with the real kubectl.
 */
@Timeout(900)
class SingleMachineClusterTest {

    private static final String NODE = "e2e-single";
    private static final String IMAGE = "skiff.local/demo:1";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static SkiffCluster cluster;

    @BeforeAll
    static void up() throws IOException {
        cluster = SkiffCluster.prepare("single", 1).env("SKIFF_UP_NODE_NAME", NODE);
        String output = cluster.up();
        assertThat(output).contains("Nodes Ready: " + NODE).contains("export KUBECONFIG=");
        assertThat(cluster.kubectl("get", "nodes").stdoutIfOk()).containsPattern(NODE + "\\s+Ready");
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.kubectl("delete", "namespace", "e2e-once", "e2e-web", "e2e-job", "--ignore-not-found", "--wait=true", "--timeout=60s");
            cluster.close();
        }
    }

    @Test
    void theControlPlaneJvmsRunWithTheLaunchersOptionsForThisMachine() throws IOException {
        // on 2 CPUs or fewer C1 only, CPUs counted by nproc as the launcher does (deploy/lib/common.sh;
        // the JVM's own count may differ under a CPU quota); otherwise the JVM's defaults
        Process nproc = new ProcessBuilder("nproc").start();
        boolean small = Integer.parseInt(new String(nproc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()) <= 2;
        for (String component : List.of("api-server", "scheduler", "controller-manager")) {
            long pid = Long.parseLong(Files.readString(cluster.home().resolve("run").resolve(component + ".pid")).trim());
            List<String> arguments = List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
            assertThat(arguments).as(component).contains("-jar");
            if (small) {
                assertThat(arguments).as(component).contains("-XX:TieredStopAtLevel=1");
            } else {
                assertThat(arguments).as(component).noneMatch(argument -> argument.startsWith("-XX:TieredStopAtLevel"));
            }
        }
    }

    @Test
    void aOneOffPodRunsToSucceededAndItsLogsAreReadable() {
        cluster.kubectl("create", "namespace", "e2e-once").stdoutIfOk();
        cluster.kubectl("run", "once", "-n", "e2e-once", "--image=" + IMAGE, "--restart=Never", "--",
                "sh", "-c", "echo done by $(hostname)").stdoutIfOk();
        await().atMost(DEADLINE).until(() -> "Succeeded".equals(
                cluster.kubectl("get", "pod", "once", "-n", "e2e-once", "-o", "jsonpath={.status.phase}").stdout()));
        assertThat(cluster.kubectl("logs", "once", "-n", "e2e-once").stdoutIfOk()).isEqualTo("done by once\n");
    }

    @Test
    void jobsRunToCompletionOrFailureAsKubectlShows() throws IOException {
        cluster.kubectl("create", "namespace", "e2e-job").stdoutIfOk();
        assertThat(cluster.kubectl("create", "job", "hello", "-n", "e2e-job", "--image=" + IMAGE, "--",
                "sh", "-c", "echo hello from $(hostname)").stdoutIfOk()).contains("job.batch/hello created");
        assertThat(cluster.kubectl("wait", "--for=condition=complete", "job/hello", "-n", "e2e-job", "--timeout=90s").stdoutIfOk())
                .contains("job.batch/hello condition met");
        assertThat(cluster.kubectl("logs", "job/hello", "-n", "e2e-job").stdoutIfOk()).startsWith("hello from hello-");
        assertThat(cluster.kubectl("get", "job", "hello", "-n", "e2e-job").stdoutIfOk()).containsPattern("hello\\s+Complete\\s+1/1\\s+");

        apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: broken, namespace: e2e-job}
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 0
                      containers:
                      - {name: main, image: %s, command: ["sh", "-c", "exit 3"]}
                """.formatted(IMAGE));
        // the first failure is retried after Kubernetes' 10 s back-off, the second exceeds the limit
        assertThat(cluster.kubectl("wait", "--for=condition=failed", "job/broken", "-n", "e2e-job", "--timeout=90s").stdoutIfOk())
                .contains("job.batch/broken condition met");
        assertThat(cluster.kubectl("get", "job", "broken", "-n", "e2e-job", "-o",
                "jsonpath={.status.failed} {.status.conditions[?(@.type==\"Failed\")].reason}").stdoutIfOk())
                .isEqualTo("2 BackoffLimitExceeded");

        apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: shards, namespace: e2e-job}
                spec:
                  completions: 3
                  parallelism: 3
                  completionMode: Indexed
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - {name: main, image: %s, command: ["sh", "-c", "echo shard $JOB_COMPLETION_INDEX on $(hostname)"]}
                """.formatted(IMAGE));
        assertThat(cluster.kubectl("wait", "--for=condition=complete", "job/shards", "-n", "e2e-job", "--timeout=90s").stdoutIfOk())
                .contains("job.batch/shards condition met");
        assertThat(cluster.kubectl("logs", "-n", "e2e-job", "-l", "job-name=shards,batch.kubernetes.io/job-completion-index=1")
                .stdoutIfOk()).isEqualTo("shard 1 on shards-1\n");
        assertThat(cluster.kubectl("describe", "job", "shards", "-n", "e2e-job").stdoutIfOk())
                .containsPattern("Completion Mode:\\s+Indexed").containsPattern("Completed Indexes:\\s+0-2");

        apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: fatal, namespace: e2e-job}
                spec:
                  backoffLimit: 6
                  podFailurePolicy:
                    rules:
                    - {action: FailJob, onExitCodes: {containerName: main, operator: In, values: [42]}}
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - {name: main, image: %s, command: ["sh", "-c", "exit 42"]}
                """.formatted(IMAGE));
        // the exit code fails the job at once, without spending the backoff limit
        assertThat(cluster.kubectl("wait", "--for=condition=failed", "job/fatal", "-n", "e2e-job", "--timeout=60s").stdoutIfOk())
                .contains("job.batch/fatal condition met");
        assertThat(cluster.kubectl("get", "job", "fatal", "-n", "e2e-job", "-o",
                "jsonpath={.status.failed} {.status.conditions[?(@.type==\"Failed\")].reason}").stdoutIfOk())
                .isEqualTo("1 PodFailurePolicy");

        cluster.kubectl("delete", "job", "hello", "broken", "shards", "fatal", "-n", "e2e-job").stdoutIfOk();
        await("the jobs' pods and containers go with them").atMost(DEADLINE).until(() ->
                cluster.kubectl("get", "pods", "-n", "e2e-job", "-o", "name").stdoutIfOk().isBlank() && runningContainers("e2e-job") == 0);
    }

    @Test
    void aServicesEndpointsFollowItsPodsReadiness() throws IOException {
        Path flags = Files.createDirectories(cluster.home().resolve("flags"));
        cluster.kubectl("create", "namespace", "e2e-web").stdoutIfOk();
        apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: e2e-web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: %s
                        ports: [{name: http, containerPort: 8080}]
                        readinessProbe:
                          exec: {command: [sh, -c, 'test -f /flags/$(hostname)']}
                          periodSeconds: 1
                        volumeMounts: [{name: flags, mountPath: /flags}]
                      volumes: [{name: flags, hostPath: {path: %s}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: e2e-web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: http}]
                """.formatted(IMAGE, flags));
        // both pods run but none is ready: both addresses are not-ready ones, on the named port's number
        await().atMost(DEADLINE).until(() -> addresses("notReadyAddresses").size() == 2);
        JsonNode endpoints = cluster.kubectlJson("get", "endpoints", "web", "-n", "e2e-web");
        assertThat(endpoints.at("/subsets/0/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(addresses("addresses")).isEmpty();

        String ready = addresses("notReadyAddresses").get(0);
        Files.writeString(flags.resolve(ready), "ready");
        await().atMost(DEADLINE).until(() -> addresses("addresses").equals(List.of(ready)));
        assertThat(addresses("notReadyAddresses")).hasSize(1).doesNotContain(ready);
        // the image's HTTP server answers on the pod's IP, naming the pod
        String ip = cluster.kubectl("get", "pod", ready, "-n", "e2e-web", "-o", "jsonpath={.status.podIP}").stdoutIfOk();
        assertThat(cluster.httpGet("http://" + ip + ":8080/")).isEqualTo("hello from " + ready + "\n");

        Files.delete(flags.resolve(ready));
        await().atMost(DEADLINE).until(() -> addresses("notReadyAddresses").size() == 2);
        assertThat(addresses("addresses")).isEmpty();
    }

    @Test
    void deletingANamespaceRemovesEverythingInItContainersIncluded() {
        cluster.kubectl("create", "namespace", "e2e-gone").stdoutIfOk();
        cluster.kubectl("create", "deployment", "web", "-n", "e2e-gone", "--image=" + IMAGE, "--replicas=2").stdoutIfOk();
        cluster.kubectl("create", "configmap", "settings", "-n", "e2e-gone", "--from-literal=a=b").stdoutIfOk();
        cluster.kubectl("expose", "deployment", "web", "-n", "e2e-gone", "--port=80", "--target-port=8080").stdoutIfOk();
        await().atMost(DEADLINE).until(() -> runningContainers("e2e-gone") >= 2);

        cluster.kubectl("delete", "namespace", "e2e-gone", "--wait=false").stdoutIfOk();
        await().atMost(DEADLINE).until(() -> cluster.kubectl("get", "namespace", "e2e-gone").stderr().contains("NotFound"));
        assertThat(runningContainers("e2e-gone")).isZero();
        assertThat(cluster.docker("ps", "-a", "-q", "--filter", "label=io.kubernetes.pod.namespace=e2e-gone").stdoutIfOk()).isBlank();
    }

    private void apply(String yaml) throws IOException {
        Path file = Files.createTempFile(cluster.home(), "manifest", ".yaml");
        Files.writeString(file, yaml);
        cluster.kubectl("apply", "-f", file.toString()).stdoutIfOk();
    }

    /** The pod names in the web Service's Endpoints, of the given list (addresses or notReadyAddresses). */
    private List<String> addresses(String field) {
        CommandResult result = cluster.kubectl("get", "endpoints", "web", "-n", "e2e-web", "-o", "json");
        List<String> names = new ArrayList<>();
        if (!result.ok()) {
            return names;
        }
        JsonNode subsets = SkiffCluster.parse(result.stdout()).path("subsets");
        for (JsonNode subset : subsets) {
            for (JsonNode address : subset.path(field)) {
                names.add(address.at("/targetRef/name").asText());
            }
        }
        return names;
    }

    private int runningContainers(String namespace) {
        String ids = cluster.docker("ps", "-q", "--filter", "label=io.kubernetes.pod.namespace=" + namespace).stdoutIfOk();
        return (int) ids.lines().filter(line -> !line.isBlank()).count();
    }
}
