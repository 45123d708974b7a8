package dev.skiff.kubelet;

import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.testing.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * pods/log to the kubelet, {@code exec} through its pods/exec, {@code attach} and {@code run -i} through
 * its pods/attach; {@code top} through its metrics API to the kubelet's resource summary;
 * {@code port-forward} through its pods/portforward to the pod's ports; {@code delete} → its
 * containers are gone.
 */
@Timeout(180)
class KubectlEndToEndTest {

    private static final String NODE = "kubectl-e2e";
    private static final String NS = "kubectl-e2e";
    private static TestKubelet kubelet;
    private static Kubectl kubectl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        TestPods.createNamespace(NS);
        kubelet = TestKubelet.start(NODE, Map.of("skiff.kubelet.stats-interval", "500ms"));
        kubectl = Kubectl.forServer(TestCluster.apiServerUrl());
    }

    @AfterAll
    static void stop() throws IOException {
        kubectl.close();
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

        Path followed = dir.resolve("follow.txt");
        Process follow = kubectl.start(Map.of(), followed, "-n", NS, "logs", "-f", "counter", "--tail", "1");
        try {
            // -f keeps delivering lines the container writes after the command started
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(followed).size() >= 4);
            assertThat(lines(followed)).allMatch(line -> line.matches("line \\d+"));
            assertThat(follow.isAlive()).isTrue();
        } finally {
            follow.destroy();
        }

        assertThat(kubectl("-n", NS, "delete", "pod", "counter", "--timeout=60s").stdout()).contains("pod \"counter\" deleted");
        assertThat(kubectl("-n", NS, "get", "pod", "counter").stderr()).contains("NotFound");
        assertThat(TestCluster.docker().listContainers(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, "counter"))).isEmpty();
        assertThat(TestCluster.docker().listPodSandboxes(Map.of(PodLabels.NODE, NODE, PodLabels.NAME, "counter"))).isEmpty();
    }

    @Test
    void execRunsACommandInTheRunningContainerWithItsOutputAndExitCode() throws Exception {
        Path manifest = Files.writeString(dir.resolve("exec.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shell
                  namespace: %s
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 0
                  initContainers:
                  - name: setup
                    image: %s
                    command: ["true"]
                  containers:
                  - name: main
                    image: %s
                    command: ["sh"]
                    stdin: true
                    tty: true
                """.formatted(NS, NODE, TestCluster.busybox(), TestCluster.busybox()));
        assertThat(kubectl("apply", "-f", manifest.toString()).exitCode()).isZero();
        // a bare shell with stdin and a terminal waits on them, as in Kubernetes, so the pod stays Ready
        assertThat(kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/shell", "--timeout=60s").exitCode()).isZero();

        Kubectl.Result failed = kubectl("-n", NS, "exec", "shell", "-c", "main", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(failed.stdout()).isEqualTo("out\n");
        assertThat(failed.stderr()).isEqualTo("err\ncommand terminated with exit code 3\n");
        assertThat(failed.exitCode()).isEqualTo(3);

        // without -c, kubectl picks the first app container (and says so on stderr)
        Kubectl.Result hostname = kubectl("-n", NS, "exec", "shell", "--", "hostname");
        assertThat(hostname.stdout()).isEqualTo("shell\n");
        assertThat(hostname.exitCode()).isZero();
        assertThat(kubectl("-n", NS, "exec", "shell", "--", "sh", "-c", "yes | head -c 1000000").stdout()).hasSize(1_000_000);

        // -i: stdin reaches the command, and its end (kubectl's v5 close of stdin) ends cat
        Kubectl.Result piped = kubectl.runWithStdin("one\ntwo\n", "-n", NS, "exec", "-i", "shell", "--", "sh", "-c", "cat; echo end");
        assertThat(piped.stdout()).isEqualTo("one\ntwo\nend\n");
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        Kubectl.Result copied = kubectl.runWithStdin("x".repeat(300_000), "-n", NS, "exec", "-i", "shell", "--", "wc", "-c");
        assertThat(copied.stdout().trim()).isEqualTo("300000");
        Path local = Files.writeString(dir.resolve("copied.txt"), "copied in\n");
        Kubectl.Result cp = kubectl("-n", NS, "cp", local.toString(), "shell:/tmp/copied.txt", "-c", "main");
        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(kubectl("-n", NS, "exec", "shell", "--", "cat", "/tmp/copied.txt").stdout()).isEqualTo("copied in\n");
        // -it on a terminal: the command gets one (tty names it), and kubectl exits with its exit code
        Kubectl.Result terminal = kubectl.runOnTerminal("-n", NS, "exec", "-it", "shell", "--", "sh", "-c", "tty; exit 5");
        assertThat(terminal.stdout()).as(terminal.toString()).contains("/dev/pts/");
        assertThat(terminal.exitCode()).isEqualTo(5);
        Kubectl.Result finished = kubectl("-n", NS, "exec", "shell", "-c", "setup", "--", "true");
        assertThat(finished.exitCode()).isNotZero();
        assertThat(finished.stderr()).contains("container not found (\"setup\")");

        assertThat(kubectl("-n", NS, "delete", "pod", "shell", "--timeout=60s").exitCode()).isZero();
    }

    @Test
    void runDashIAttachesToItsNewPodAndRemovesIt() throws Exception {
        String onThisNode = "--overrides={\"spec\":{\"nodeName\":\"" + NODE + "\"}}";

        // -i: kubectl waits for the pod to run, attaches, and its stdin reaches the main process;
        // stdinOnce (kubectl run sets it) makes the end of kubectl's stdin the end of the container's
        Kubectl.Result piped = kubectl.runWithStdin("one\ntwo\n", "-n", NS, "run", "once", "-i", "--rm", "--restart=Never",
                "--image=" + TestCluster.busybox(), onThisNode, "--", "sh", "-c", "cat; echo end; exit 4");
        assertThat(piped.stdout()).as(piped.toString()).startsWith("one\ntwo\nend\n").contains("pod \"once\" deleted");
        assertThat(piped.stderr()).contains("pod " + NS + "/once terminated (Error)");
        assertThat(piped.exitCode()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl("-n", NS, "get", "pod", "once").stderr().contains("NotFound"));

        // -it on a terminal: what is typed reaches a shell on the container's terminal; its exit ends the session
        Kubectl.Result terminal = kubectl.runOnTerminalTyping("echo typed on $(tty)\nexit 6\n", "-n", NS, "run", "shell-once", "-it",
                "--rm", "--restart=Never", "--image=" + TestCluster.busybox(), onThisNode, "--", "sh");
        assertThat(terminal.stdout()).as(terminal.toString()).contains("typed on /dev/pts/").contains("pod \"shell-once\" deleted");
        assertThat(terminal.exitCode()).isEqualTo(6);
    }

    @Test
    void attachFollowsTheMainProcessUntilItEnds() throws Exception {
        runPod("ticker", "while true; do echo tick; echo tock >&2; sleep 0.2; done");

        Path attached = dir.resolve("attached.txt");
        Process attach = kubectl.start(Map.of(), attached, "-n", NS, "attach", "ticker");
        try {
            // what the process writes from the moment of the attach, stdout and stderr
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(attached).contains("tick") && lines(attached).contains("tock"));
            assertThat(attach.isAlive()).isTrue();

            assertThat(kubectl("-n", NS, "delete", "pod", "ticker", "--timeout=60s").exitCode()).isZero();
            assertThat(attach.waitFor(30, TimeUnit.SECONDS)).as("the attach ends with the container").isTrue();
            assertThat(attach.exitValue()).isZero();
        } finally {
            attach.destroy();
        }
    }

    @Test
    void portForwardReachesThePodsPortsBothWays() throws Exception {
        // the files first, then the echo server in the background and the web server in the foreground
        runPod("forwarded", "mkdir /www && echo hello from the pod > /www/index.html && head -c 1000000 /dev/urandom > /www/big;"
                + " nc -ll -p 9000 -e cat & exec httpd -f -p 8080 -h /www");

        Path out = dir.resolve("port-forward.txt");
        Process forward = kubectl.start(Map.of(), out, "-n", NS, "port-forward", "pod/forwarded", ":8080", ":9000");
        try {
            Pattern forwarding = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");
            await().atMost(Duration.ofSeconds(30)).until(() -> forwarding.matcher(Files.readString(out)).results().count() == 2);
            Map<String, Integer> local = forwarding.matcher(Files.readString(out)).results()
                    .collect(Collectors.toMap(match -> match.group(2), match -> Integer.parseInt(match.group(1))));

            for (int i = 0; i < 3; i++) {
                // a new client, so a new connection, so a new pair of streams
                HttpResponse<String> page = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.get("8080") + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).isEqualTo("hello from the pod\n");
            }
            byte[] big = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.get("8080") + "/big")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(big).hasSize(1_000_000);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(big));
            assertThat(kubectl("-n", NS, "exec", "forwarded", "--", "busybox", "md5sum", "/www/big").stdout()).startsWith(digest);

            // the echo server answers once its input ends: the end of what was sent reaches the pod
            byte[] sent = new byte[300_000];
            new Random(7).nextBytes(sent);
            try (Socket socket = new Socket("127.0.0.1", local.get("9000"))) {
                socket.setSoTimeout(30_000);
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try {
                        socket.getOutputStream().write(sent);
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                assertThat(socket.getInputStream().readAllBytes()).isEqualTo(sent);
                writing.get(30, TimeUnit.SECONDS);
            }
            assertThat(forward.isAlive()).isTrue();
        } finally {
            forward.destroy();
        }

        Path refusedOut = dir.resolve("port-forward-refused.txt");
        Process refused = kubectl.start(Map.of(), refusedOut, "-n", NS, "port-forward", "pod/forwarded", ":9999");
        try {
            Pattern forwarding = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 9999");
            await().atMost(Duration.ofSeconds(30)).until(() -> forwarding.matcher(Files.readString(refusedOut)).find());
            Matcher port = forwarding.matcher(Files.readString(refusedOut));
            assertThat(port.find()).isTrue();
            try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port.group(1)))) {
                socket.setSoTimeout(30_000);
                assertThat(socket.getInputStream().read()).as("nothing listens on the pod's port 9999").isEqualTo(-1);
            }
            assertThat(refused.waitFor(30, TimeUnit.SECONDS)).as("kubectl gives up after the error").isTrue();
            assertThat(Files.readString(refusedOut)).contains("error forwarding port 9999 to pod " + NS + "/forwarded, uid ")
                    .contains("Connection refused");
        } finally {
            refused.destroy();
        }
        assertThat(kubectl("-n", NS, "delete", "pod", "forwarded", "--timeout=60s").exitCode()).isZero();
    }

    /** Applies pod NAME (label {@code app: NAME}) on the node, its one container running COMMAND in a shell, and waits until it is Ready. */
    private static void runPod(String name, String command) throws IOException, InterruptedException {
        Path manifest = Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels: {app: %s}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "%s"]
                """.formatted(name, NS, name, NODE, TestCluster.busybox(), command));
        assertThat(kubectl("apply", "-f", manifest.toString()).exitCode()).isZero();
        assertThat(kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/" + name, "--timeout=60s").exitCode()).isZero();
    }

    private static Kubectl.Result kubectl(String... args) throws IOException, InterruptedException {
        return kubectl.run(args);
    }

    /** The complete lines written so far (the last one may still be in progress). */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        return text.endsWith("\n") ? lines : lines.subList(0, Math.max(0, lines.size() - 1));
    }

    @Test
    void topShowsWhatAPodAndItsNodeUse() throws Exception {
        runPod("burner", "while :; do :; done");

        // the kubelet needs two samples for a rate
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl("-n", NS, "top", "pod", "burner").exitCode() == 0);
        String top = kubectl("-n", NS, "top", "pod", "-l", "app=burner").stdout();
        assertThat(top).containsPattern("NAME\\s+CPU\\(cores\\)\\s+MEMORY\\(bytes\\)");
        Matcher row = Pattern.compile("burner\\s+(\\d+)m\\s+\\d+Mi").matcher(top);
        assertThat(row.find()).as(top).isTrue();
        assertThat(Integer.parseInt(row.group(1))).as("a busy loop uses a good part of a core").isGreaterThan(100);
        assertThat(kubectl("-n", NS, "top", "pod", "burner", "--containers").stdout()).containsPattern("burner\\s+main\\s+\\d+m\\s+\\d+Mi");
        assertThat(kubectl("top", "node", NODE).stdout()).containsPattern(NODE + "\\s+\\d+m\\s+");

        assertThat(kubectl("-n", NS, "delete", "pod", "burner", "--timeout=60s").exitCode()).isZero();
        assertThat(kubectl("-n", NS, "top", "pod", "burner").stderr()).contains("NotFound");
    }
}
