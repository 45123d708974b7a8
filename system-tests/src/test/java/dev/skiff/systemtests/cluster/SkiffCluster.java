package dev.skiff.systemtests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testing.FreePorts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A whole Skiff cluster on this machine, started the way a user starts it: {@code ./skiff up} of
 * this repository, with its own SKIFF_HOME and free ports, the jars the build just made
 * ({@code SKIFF_BUILD=never}), and the real kubectl pointed at the kubeconfig it writes.
 */
final class SkiffCluster implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path root;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> stopCommands = new ArrayList<>();
    private final int apiPort;

    private SkiffCluster(Path root, Path home, int apiPort) {
        this.root = root;
        this.home = home;
        this.apiPort = apiPort;
    }

    /** A cluster of this repository, not started; {@code nodes} kubelets will need ports. */
    static SkiffCluster prepare(String name, int nodes) throws IOException {
        Path root = repositoryRoot();
        Path home = Files.createTempDirectory("skiff-" + name + "-");
        int[] ports = FreePorts.allocate(3);
        SkiffCluster cluster = new SkiffCluster(root, home, ports[0]);
        cluster.env.put("SKIFF_HOME", home.toString());
        cluster.env.put("SKIFF_BUILD", "never");
        cluster.env.put("SKIFF_UP_SCHEDULER_PORT", Integer.toString(ports[1]));
        cluster.env.put("SKIFF_UP_CONTROLLERS_PORT", Integer.toString(ports[2]));
        cluster.env.put("SKIFF_UP_KUBELET_PORT", Integer.toString(consecutiveFreePorts(nodes)));
        cluster.env.put("KUBECONFIG", home.resolve("kubeconfig").toString());
        return cluster;
    }

    /** Sets an environment variable for every later command. */
    SkiffCluster env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** {@code ./skiff up --port <free> ARGS}; fails with its output unless it ends Ready. */
    String up(String... args) {
        return tryUp(args).stdoutIfOk();
    }

    /** {@code ./skiff up --port <free> ARGS}, whatever its outcome. */
    CommandResult tryUp(String... args) {
        List<String> command = new ArrayList<>(List.of("./skiff", "up", "--port", Integer.toString(apiPort)));
        command.addAll(List.of(args));
        stopCommands.add(0, "down");
        return Commands.run(root, home, env, UP_TIMEOUT, command);
    }

    /** Runs {@code ./skiff ARGS}. */
    CommandResult skiff(String... args) {
        List<String> command = new ArrayList<>(List.of("./skiff"));
        command.addAll(List.of(args));
        return Commands.run(root, home, env, UP_TIMEOUT, command);
    }

    /** A local etcd and Kafka for cluster mode, on free ports, stopped again by {@link #close()}; returns up's options for them. */
    List<String> startEtcdAndKafka() {
        int etcd = consecutiveFreePorts(2);
        int kafka = consecutiveFreePorts(2);
        stopCommands.add("etcd stop");
        skiff("etcd", "start", "--port", Integer.toString(etcd)).stdoutIfOk();
        stopCommands.add("kafka stop");
        skiff("kafka", "start", "--port", Integer.toString(kafka)).stdoutIfOk();
        return List.of("--etcd", "http://127.0.0.1:" + etcd, "--kafka", "127.0.0.1:" + kafka);
    }

    /** Runs the real kubectl against the cluster. */
    CommandResult kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        return Commands.run(root, home, env, COMMAND_TIMEOUT, command);
    }

    /** {@code kubectl ARGS -o json}, parsed; fails unless kubectl exits 0. */
    JsonNode kubectlJson(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        return parse(kubectl(all.toArray(String[]::new)).stdoutIfOk());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Runs the docker command line (to look at the containers the kubelets made). */
    CommandResult docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Commands.run(root, home, env, COMMAND_TIMEOUT, command);
    }

    /** The body of a GET that answers 200 (e.g. from a pod's IP, which the host reaches on Docker's bridge). */
    String httpGet(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path home() {
        return home;
    }

    /** Stops what was started here: the cluster ({@code ./skiff down}), then etcd and Kafka. */
    @Override
    public void close() {
        for (String command : stopCommands) {
            CommandResult result = skiff(command.split(" "));
            if (!result.ok()) {
                System.err.println("cleaning up: " + result);
            }
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("skiff")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no ./skiff launcher in " + System.getProperty("user.dir") + " or above");
    }

    /** The first of {@code count} consecutive ports that are all free now. */
    private static int consecutiveFreePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("found no " + count + " consecutive free ports between 20000 and 30000");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                ignored.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
