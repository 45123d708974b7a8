package dev.skiff.kubelet;

import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.Container;
import dev.skiff.testing.FreePorts;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.skiff.kubelet.TestPods.condition;
import static dev.skiff.kubelet.TestPods.containerStatus;
import static dev.skiff.kubelet.TestPods.create;
import static dev.skiff.kubelet.TestPods.phase;
import static dev.skiff.kubelet.TestPods.pod;
import static dev.skiff.kubelet.TestPods.shell;
import static dev.skiff.kubelet.TestPods.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pods bound to a real kubelet running them in the real Docker engine. */
@Timeout(180)
class PodLifecycleTest {

    private static final String NODE = "pod-lifecycle";
    private static final String NS = "pod-lifecycle";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static TestKubelet kubelet;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    private static String logs(String pod, String container) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(kubelet.url() + "/containerLogs/" + NS + "/" + pod + "/" + container)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Container> containersOf(String podName) {
        return TestCluster.docker().listContainers(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, podName));
    }

    @Test
    void runsAPodAndReportsItRunningWithItsIp() {
        create(pod(NS, "sleeper", NODE, "sleep 3600").build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "sleeper")) && "True".equals(condition(NS, "sleeper", "Ready")));
        Pod pod = TestPods.get(NS, "sleeper");
        assertThat(pod.getStatus().getPodIP()).isNotBlank().isNotEqualTo("127.0.0.1");
        assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(pod.getStatus().getStartTime()).isNotBlank();
        assertThat(condition(NS, "sleeper", "Initialized")).isEqualTo("True");
        assertThat(condition(NS, "sleeper", "ContainersReady")).isEqualTo("True");
        var status = containerStatus(NS, "sleeper", "main").orElseThrow();
        assertThat(status.getState().getRunning()).isNotNull();
        assertThat(status.getReady()).isTrue();
        assertThat(status.getRestartCount()).isZero();
        assertThat(status.getContainerID()).startsWith("docker://");
        assertThat(containersOf("sleeper")).singleElement().satisfies(c -> {
            assertThat(status.getContainerID()).isEqualTo("docker://" + c.id());
            assertThat(c.labels()).containsEntry(PodLabels.NAMESPACE, NS).containsEntry(PodLabels.UID, pod.getMetadata().getUid());
        });
    }

    @Test
    void aStatusAnotherWriterChangedIsPutRight() {
        create(pod(NS, "marked", NODE, "sleep 3600").build());
        await().atMost(DEADLINE).until(() -> "True".equals(condition(NS, "marked", "Ready")));
        // as the node lifecycle controller does to the pods of a node it lost touch with
        Pod pod = TestPods.get(NS, "marked");
        pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).forEach(c -> c.setStatus("False"));
        TestCluster.client().pods().inNamespace(NS).resource(pod).updateStatus();
        await().atMost(DEADLINE).until(() -> "True".equals(condition(NS, "marked", "Ready")));
    }

    @Test
    void containersOfAPodShareLocalhostAndExecReadinessWorks() {
        create(pod(NS, "pair", NODE, "sleep 3600").editSpec()
                .withContainers(
                        shell("server", "mkdir -p /www && echo pong > /www/ping && exec httpd -f -p 8080 -h /www").build(),
                        shell("client", "sleep 3600").withReadinessProbe(new ProbeBuilder()
                                .withNewExec().withCommand("wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/ping").endExec()
                                .withPeriodSeconds(1).build()).build())
                .endSpec().build());
        await().atMost(DEADLINE).until(() -> "True".equals(condition(NS, "pair", "Ready")));
        assertThat(containerStatus(NS, "pair", "client").orElseThrow().getReady()).isTrue();
    }

    @Test
    void environmentComesFromValuesFieldsAndConfigMaps() throws Exception {
        TestCluster.client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .endMetadata().addToData("greeting", "hello").addToData("COLOR", "blue").build()).create();
        create(pod(NS, "env", NODE, "echo \"$GREETING $MY_NAME $COLOR $COMPOSED\"; sleep 3600").editSpec().editFirstContainer()
                .withEnv(
                        new EnvVarBuilder().withName("GREETING").withNewValueFrom().withNewConfigMapKeyRef("greeting", "settings", false).endValueFrom().build(),
                        new EnvVarBuilder().withName("MY_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
                        new EnvVarBuilder().withName("COMPOSED").withValue("$(GREETING)-world").build())
                .addNewEnvFrom().withNewConfigMapRef("settings", false).endEnvFrom()
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> logs("env", "main").contains("hello env blue hello-world"));
    }

    @Test
    void aMissingConfigMapIsAConfigErrorUntilItExists() {
        create(pod(NS, "needs-config", NODE, "echo \"$VALUE\"; sleep 3600").editSpec().editFirstContainer()
                .withEnv(new EnvVarBuilder().withName("VALUE").withNewValueFrom().withNewConfigMapKeyRef("value", "later", false).endValueFrom().build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> "CreateContainerConfigError".equals(waitingReason(NS, "needs-config", "main")));
        assertThat(containerStatus(NS, "needs-config", "main").orElseThrow().getState().getWaiting().getMessage())
                .isEqualTo("configmap \"later\" not found");
        TestCluster.client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("later")
                .endMetadata().addToData("value", "arrived").build()).create();
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "needs-config")));
    }

    @Test
    void aHostPortAnswersHttpFromTheHost() throws Exception {
        int port = FreePorts.one();
        create(pod(NS, "web", NODE, "mkdir -p /www && echo served-by-skiff > /www/index.html && exec httpd -f -p 80 -h /www")
                .editSpec().editFirstContainer().withPorts(new ContainerPortBuilder().withContainerPort(80).withHostPort(port).build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "web")));
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("served-by-skiff");
        });
    }

    @Test
    void initContainersRunInOrderBeforeTheAppContainers() throws Exception {
        create(pod(NS, "init", NODE, "cat /work/order; sleep 3600").editSpec()
                .withInitContainers(
                        shell("first", "echo one >> /work/order").withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath("/work").build()).build(),
                        shell("second", "echo two >> /work/order").withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath("/work").build()).build())
                .withVolumes(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build())
                .editFirstContainer().withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath("/work").build()).endContainer()
                .endSpec().build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "init")));
        assertThat(condition(NS, "init", "Initialized")).isEqualTo("True");
        Pod pod = TestPods.get(NS, "init");
        assertThat(pod.getStatus().getInitContainerStatuses()).allSatisfy(s ->
                assertThat(s.getState().getTerminated().getReason()).isEqualTo("Completed"));
        await().atMost(DEADLINE).until(() -> logs("init", "main").equals("one\ntwo\n"));
    }

    @Test
    void aCrashingContainerBacksOff() {
        create(pod(NS, "crasher", NODE, "echo crashing; exit 3").build());
        await().atMost(DEADLINE).until(() -> "CrashLoopBackOff".equals(waitingReason(NS, "crasher", "main")));
        var status = containerStatus(NS, "crasher", "main").orElseThrow();
        assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getState().getWaiting().getMessage()).startsWith("back-off 10s restarting failed container=main pod=crasher_");
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        create(pod(NS, "unhealthy", NODE, "touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 3600").editSpec().editFirstContainer()
                .withLivenessProbe(new ProbeBuilder().withNewExec().withCommand("cat", "/tmp/healthy").endExec()
                        .withPeriodSeconds(1).withFailureThreshold(1).build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> containerStatus(NS, "unhealthy", "main").map(s -> s.getRestartCount() >= 1).orElse(false));
    }

    @Test
    void readinessFollowsTheProbeBothWays() {
        create(pod(NS, "readiness", NODE, "sleep 3600").editSpec().editFirstContainer()
                .withReadinessProbe(new ProbeBuilder().withNewExec().withCommand("cat", "/tmp/ready").endExec()
                        .withPeriodSeconds(1).withFailureThreshold(1).build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "readiness")));
        assertThat(condition(NS, "readiness", "Ready")).isEqualTo("False");
        String id = containersOf("readiness").get(0).id();
        assertThat(TestCluster.docker().exec(id, List.of("touch", "/tmp/ready"), Duration.ofSeconds(10)).exitCode()).isZero();
        await().atMost(DEADLINE).until(() -> "True".equals(condition(NS, "readiness", "Ready")));
        assertThat(TestCluster.docker().exec(id, List.of("rm", "/tmp/ready"), Duration.ofSeconds(10)).exitCode()).isZero();
        await().atMost(DEADLINE).until(() -> "False".equals(condition(NS, "readiness", "Ready")));
    }

    @Test
    void restartPolicyNeverEndsInSucceededOrFailed() {
        create(pod(NS, "succeeds", NODE, "exit 0").editSpec().withRestartPolicy("Never").endSpec().build());
        create(pod(NS, "fails", NODE, "exit 1").editSpec().withRestartPolicy("Never").endSpec().build());
        create(pod(NS, "retries-then-succeeds", NODE, "test -f /work/second || { touch /work/second; exit 1; }").editSpec()
                .withRestartPolicy("OnFailure")
                .withVolumes(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build())
                .editFirstContainer().withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath("/work").build()).endContainer()
                .endSpec().build());
        await().atMost(DEADLINE).until(() -> "Succeeded".equals(phase(NS, "succeeds")) && "Failed".equals(phase(NS, "fails")));
        await().atMost(DEADLINE).until(() -> "Succeeded".equals(phase(NS, "retries-then-succeeds")));
        assertThat(containerStatus(NS, "retries-then-succeeds", "main").orElseThrow().getRestartCount()).isEqualTo(1);
        assertThat(containerStatus(NS, "fails", "main").orElseThrow().getRestartCount()).isZero();
    }

    @Test
    void aMissingImageIsErrImagePullThenImagePullBackOff() {
        // every status the pod goes through, from a watch: ErrImagePull may last only until the next sync
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (Watch watch = TestCluster.client().pods().inNamespace(NS).withName("no-image").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
                    pod.getStatus().getContainerStatuses().stream()
                            .filter(s -> s.getState().getWaiting() != null)
                            .forEach(s -> reasons.add(s.getState().getWaiting().getReason()));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            create(pod(NS, "no-image", NODE, "true").editSpec().editFirstContainer().withImage("skiff.local/does-not-exist:1")
                    .endContainer().endSpec().build());
            await().atMost(DEADLINE).until(() -> reasons.contains("ImagePullBackOff"));
        }
        assertThat(reasons).contains("ErrImagePull");
        assertThat(reasons.indexOf("ErrImagePull")).isLessThan(reasons.indexOf("ImagePullBackOff"));
        assertThat(phase(NS, "no-image")).isEqualTo("Pending");
    }

    @Test
    void deletionStopsWithinTheGracePeriodRemovesTheContainersAndThePod() {
        create(pod(NS, "polite", NODE, "trap 'exit 0' TERM; while true; do sleep 1; done").editSpec()
                .withTerminationGracePeriodSeconds(30L).endSpec().build());
        create(pod(NS, "stubborn", NODE, "trap '' TERM; while true; do sleep 1; done").editSpec()
                .withTerminationGracePeriodSeconds(3L).endSpec().build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "polite")) && "Running".equals(phase(NS, "stubborn")));

        long start = System.nanoTime();
        TestCluster.client().pods().inNamespace(NS).withName("polite").delete();
        TestCluster.client().pods().inNamespace(NS).withName("stubborn").delete();
        await().atMost(DEADLINE).until(() -> TestPods.get(NS, "polite") == null);
        Duration politeGone = Duration.ofNanos(System.nanoTime() - start);
        await().atMost(DEADLINE).until(() -> TestPods.get(NS, "stubborn") == null);
        Duration stubbornGone = Duration.ofNanos(System.nanoTime() - start);
        assertThat(politeGone).isLessThan(Duration.ofSeconds(20));
        assertThat(stubbornGone).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(containersOf("polite")).isEmpty();
        assertThat(containersOf("stubborn")).isEmpty();
    }

    @Test
    void configMapAndSecretVolumesAndSecretEnvReachTheContainer() throws Exception {
        TestCluster.client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("files")
                .endMetadata().addToData("app.conf", "mode=fast").build()).create();
        TestCluster.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("creds")
                .endMetadata().addToStringData("password", "s3cret").build()).create();
        create(pod(NS, "volumes", NODE, "cat /etc/app/app.conf; echo; cat /etc/creds/password; echo; echo \"env=$PASSWORD\"; "
                + "touch /etc/app/x 2>/dev/null || echo read-only; sleep 3600").editSpec()
                .withVolumes(new VolumeBuilder().withName("conf").withNewConfigMap().withName("files").endConfigMap().build(),
                        new VolumeBuilder().withName("creds").withNewSecret().withSecretName("creds").endSecret().build())
                .editFirstContainer()
                .withVolumeMounts(new VolumeMountBuilder().withName("conf").withMountPath("/etc/app").build(),
                        new VolumeMountBuilder().withName("creds").withMountPath("/etc/creds").build())
                .withEnv(new EnvVarBuilder().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                        .endValueFrom().build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> logs("volumes", "main").equals("mode=fast\ns3cret\nenv=s3cret\nread-only\n"));
    }

    @Test
    void httpGetReadinessAndTcpSocketLivenessProbes() {
        create(pod(NS, "probed", NODE, "mkdir -p /www && echo ok > /www/healthz && exec httpd -f -p 8080 -h /www").editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet()
                        .withPeriodSeconds(1).build())
                .withLivenessProbe(new ProbeBuilder().withNewTcpSocket().withNewPort(8080).endTcpSocket()
                        .withPeriodSeconds(1).build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> "True".equals(condition(NS, "probed", "Ready")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                containerStatus(NS, "probed", "main").map(s -> s.getRestartCount() == 0 && Boolean.TRUE.equals(s.getReady())).orElse(false));
    }

    @Test
    void aReadinessProbeOnAMissingPathKeepsThePodUnready() {
        create(pod(NS, "not-ready", NODE, "mkdir -p /www && exec httpd -f -p 8080 -h /www").editSpec().editFirstContainer()
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/missing").withNewPort(8080).endHttpGet()
                        .withPeriodSeconds(1).build())
                .endContainer().endSpec().build());
        await().atMost(DEADLINE).until(() -> "Running".equals(phase(NS, "not-ready")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> "False".equals(condition(NS, "not-ready", "Ready")));
    }
}
