package dev.skiff.systemtests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.systemtests.harness.EventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster mode as a user starts it ({@code ./skiff up --cluster --nodes 3}: etcd, Kafka, every
 * component its own process reading Kafka, three kubelets sharing the local Docker engine), driven
 * with the real kubectl: a Deployment's life (spread, scale, rolling update, rollback, a deleted pod
 * replaced), a kubelet that pauses 10 s (nothing happens), a node failure ({@code ./skiff node
 * stop}, then {@code start}) and a DaemonSet (a pod on every node, a rolling update).
 */
@Timeout(900)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeClusterTest {

    private static final String NS = "e2e-cluster";
    private static final String IMAGE = "skiff.local/demo:1";
    /** The same image under a second name, for a rolling update with no registry. */
    private static final String IMAGE_2 = "skiff.local/demo:2";
    private static final List<String> NODES = List.of("e2e-node-1", "e2e-node-2", "e2e-node-3");
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private static SkiffCluster cluster;
    private static String kafka;

    @BeforeAll
    static void up() throws IOException {
        cluster = SkiffCluster.prepare("cluster", NODES.size()).env("SKIFF_UP_NODE_PREFIX", "e2e-node-");
        List<String> args = new ArrayList<>(List.of("--cluster", "--nodes", Integer.toString(NODES.size())));
        List<String> storeAndKafka = cluster.startEtcdAndKafka();
        kafka = storeAndKafka.get(storeAndKafka.indexOf("--kafka") + 1);
        args.addAll(storeAndKafka);
        String output = cluster.up(args.toArray(String[]::new));
        assertThat(output).contains("Nodes Ready: " + String.join(" ", NODES));
        cluster.docker("tag", IMAGE, IMAGE_2).stdoutIfOk();
        cluster.kubectl("create", "namespace", NS).stdoutIfOk();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.kubectl("delete", "namespace", NS, "--ignore-not-found", "--wait=true", "--timeout=90s");
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aDeploymentSpreadsScalesRollsOutAndRollsBack() {
        cluster.kubectl("create", "deployment", "web", "-n", NS, "--image=" + IMAGE, "--replicas=3").stdoutIfOk();
        await().atMost(DEADLINE).until(() -> running("app=web").size() == 3);
        assertThat(nodesOf(running("app=web"))).containsExactlyInAnyOrderElementsOf(NODES);
        // every change is on Kafka: the Deployment the user made and the ReplicaSet its controller made
        try (EventLog deployments = EventLog.fromBeginning(kafka, "skiff.apps.deployments");
             EventLog replicaSets = EventLog.fromBeginning(kafka, "skiff.apps.replicasets")) {
            await().atMost(DEADLINE).until(() -> {
                deployments.poll();
                replicaSets.poll();
                return deployments.events().stream().anyMatch(e -> e.key().equals(NS + "/web") && e.type().equals("ADDED"))
                        && replicaSets.events().stream().anyMatch(e -> e.key().startsWith(NS + "/web-") && e.type().equals("ADDED"));
            });
        }

        // the controllers' events, as kubectl shows them
        assertThat(cluster.kubectl("describe", "deployment", "web", "-n", NS).stdoutIfOk())
                .containsPattern("ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+Scaled up replica set web-\\S+ (from 0 )?to 3");
        assertThat(cluster.kubectl("get", "events", "-n", NS).stdoutIfOk()).contains("SuccessfulCreate").contains("Scheduled");

        cluster.kubectl("scale", "deployment", "web", "-n", NS, "--replicas=5").stdoutIfOk();
        await().atMost(DEADLINE).until(() -> running("app=web").size() == 5);

        cluster.kubectl("set", "image", "deployment/web", "-n", NS, "demo=" + IMAGE_2).stdoutIfOk();
        assertThat(cluster.kubectl("rollout", "status", "deployment/web", "-n", NS, "--timeout=120s").stdoutIfOk())
                .contains("successfully rolled out");
        await().atMost(DEADLINE).until(() -> imagesOf(running("app=web")).equals(Set.of(IMAGE_2)) && running("app=web").size() == 5);
        assertThat(cluster.kubectl("rollout", "history", "deployment/web", "-n", NS).stdoutIfOk())
                .containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");

        cluster.kubectl("rollout", "undo", "deployment/web", "-n", NS).stdoutIfOk();
        assertThat(cluster.kubectl("rollout", "status", "deployment/web", "-n", NS, "--timeout=120s").stdoutIfOk())
                .contains("successfully rolled out");
        await().atMost(DEADLINE).until(() -> imagesOf(running("app=web")).equals(Set.of(IMAGE)) && running("app=web").size() == 5);

        String victim = running("app=web").get(0).at("/metadata/name").asText();
        cluster.kubectl("delete", "pod", victim, "-n", NS).stdoutIfOk();
        await().atMost(DEADLINE).until(() -> {
            List<JsonNode> pods = running("app=web");
            return pods.size() == 5 && pods.stream().noneMatch(pod -> pod.at("/metadata/name").asText().equals(victim));
        });
    }

    @Test
    @Order(2)
    void aNodeThatPausesForTenSecondsKeepsItsPods() throws Exception {
        List<JsonNode> before = running("app=web");
        String paused = nodesOf(before).stream().sorted().findFirst().orElseThrow();
        Set<String> itsPods = new HashSet<>();
        before.stream().filter(pod -> pod.at("/spec/nodeName").asText().equals(paused))
                .forEach(pod -> itsPods.add(pod.at("/metadata/uid").asText()));
        long pid = Long.parseLong(Files.readString(cluster.home().resolve("run/kubelet-" + paused + ".pid")).strip());
        String renewed = leaseRenewTime(paused);

        // the pause itself is the stimulus: SIGSTOP, 10 s, SIGCONT
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        Thread.sleep(Duration.ofSeconds(10).toMillis());
        new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();

        // once the kubelet renewed its lease again, nothing may have happened to the node or its pods
        await().atMost(DEADLINE).until(() -> !leaseRenewTime(paused).equals(renewed));
        assertThat(cluster.kubectl("get", "node", paused).stdoutIfOk()).containsPattern(paused + "\\s+Ready");
        List<String> nodeEvents = new ArrayList<>();
        for (JsonNode event : cluster.kubectlJson("get", "events", "--all-namespaces").path("items")) {
            if (event.at("/involvedObject/kind").asText().equals("Node") && event.at("/involvedObject/name").asText().equals(paused)) {
                nodeEvents.add(event.path("reason").asText());
            }
        }
        assertThat(nodeEvents).doesNotContain("NodeNotReady");
        Set<String> after = new HashSet<>();
        running("app=web").stream().filter(pod -> pod.at("/spec/nodeName").asText().equals(paused))
                .forEach(pod -> after.add(pod.at("/metadata/uid").asText()));
        assertThat(after).isEqualTo(itsPods);
    }

    @Test
    @Order(3)
    void aStoppedNodesPodsRunOnTheOthersAndItComesBackClean() {
        List<JsonNode> before = running("app=web");
        String failed = nodesOf(before).stream().sorted().findFirst().orElseThrow();
        Set<String> stranded = new HashSet<>();
        before.stream().filter(pod -> pod.at("/spec/nodeName").asText().equals(failed))
                .forEach(pod -> stranded.add(pod.at("/metadata/name").asText()));
        assertThat(stranded).isNotEmpty();

        long stopped = System.nanoTime();
        cluster.skiff("node", "stop", failed).stdoutIfOk();
        await().atMost(DEADLINE).until(() -> {
            List<JsonNode> pods = running("app=web");
            return pods.size() == before.size() && !nodesOf(pods).contains(failed);
        });
        System.out.printf("pods of %s running on the other nodes %.1f s after its kubelet stopped%n",
                failed, (System.nanoTime() - stopped) / 1e9);
        assertThat(cluster.kubectl("get", "node", failed).stdoutIfOk()).containsPattern(failed + "\\s+NotReady");
        // the stranded pods' containers still run: nobody told the stopped kubelet
        assertThat(containersOn(failed)).isNotBlank();

        cluster.skiff("node", "start", failed).stdoutIfOk();
        assertThat(cluster.kubectl("get", "node", failed).stdoutIfOk()).containsPattern(failed + "\\s+Ready");
        await().atMost(DEADLINE).until(() -> containersOn(failed).isBlank());
        await().atMost(DEADLINE).until(() -> {
            JsonNode pods = cluster.kubectlJson("get", "pods", "-n", NS);
            List<String> names = new ArrayList<>();
            pods.path("items").forEach(pod -> names.add(pod.at("/metadata/name").asText()));
            return names.stream().noneMatch(stranded::contains);
        });
        JsonNode node = cluster.kubectlJson("get", "node", failed);
        List<String> taints = new ArrayList<>();
        node.at("/spec/taints").forEach(taint -> taints.add(taint.path("key").asText()));
        assertThat(taints).doesNotContain("node.kubernetes.io/unreachable");
    }

    @Test
    @Order(4)
    void aDaemonSetRunsOnEveryNodeAndRollsOutNodeByNode() throws IOException {
        Path manifest = cluster.home().resolve("daemonset.yaml");
        Files.writeString(manifest, """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: %s}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: demo, image: "%s"}]
                """.formatted(NS, IMAGE));
        cluster.kubectl("apply", "-f", manifest.toString()).stdoutIfOk();
        assertThat(cluster.kubectl("rollout", "status", "daemonset/agent", "-n", NS, "--timeout=120s").stdoutIfOk())
                .contains("daemon set \"agent\" successfully rolled out");
        await().atMost(DEADLINE).until(() -> running("app=agent").size() == NODES.size());
        assertThat(nodesOf(running("app=agent"))).as("bound by the scheduler to the node each was made for")
                .containsExactlyInAnyOrderElementsOf(NODES);

        cluster.kubectl("set", "image", "daemonset/agent", "-n", NS, "demo=" + IMAGE_2).stdoutIfOk();
        assertThat(cluster.kubectl("rollout", "status", "daemonset/agent", "-n", NS, "--timeout=120s").stdoutIfOk())
                .contains("successfully rolled out");
        await().atMost(DEADLINE).until(() -> imagesOf(running("app=agent")).equals(Set.of(IMAGE_2))
                && nodesOf(running("app=agent")).size() == NODES.size());
        assertThat(cluster.kubectl("get", "ds", "agent", "-n", NS).stdoutIfOk()).containsPattern("agent\\s+3\\s+3\\s+3\\s+3\\s+3\\s");
    }

    private static String leaseRenewTime(String node) {
        return cluster.kubectl("get", "lease", node, "-n", "kube-node-lease", "-o", "jsonpath={.spec.renewTime}").stdoutIfOk();
    }

    /** The Running and Ready pods of the test namespace with this label selector. */
    private static List<JsonNode> running(String selector) {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode pod : cluster.kubectlJson("get", "pods", "-n", NS, "-l", selector).path("items")) {
            boolean ready = false;
            for (JsonNode condition : pod.at("/status/conditions")) {
                ready |= condition.path("type").asText().equals("Ready") && condition.path("status").asText().equals("True");
            }
            if (ready && pod.at("/status/phase").asText().equals("Running") && pod.at("/metadata/deletionTimestamp").isMissingNode()) {
                pods.add(pod);
            }
        }
        return pods;
    }

    private static Set<String> nodesOf(List<JsonNode> pods) {
        Set<String> nodes = new HashSet<>();
        pods.forEach(pod -> nodes.add(pod.at("/spec/nodeName").asText()));
        return nodes;
    }

    private static Set<String> imagesOf(List<JsonNode> pods) {
        Set<String> images = new HashSet<>();
        pods.forEach(pod -> images.add(pod.at("/spec/containers/0/image").asText()));
        return images;
    }

    /** The ids of the containers of this test's pods that the node's kubelet made (running or not). */
    private static String containersOn(String node) {
        return cluster.docker("ps", "-a", "-q", "--filter", "label=dev.skiff.node=" + node,
                "--filter", "label=io.kubernetes.pod.namespace=" + NS).stdoutIfOk().strip();
    }
}
