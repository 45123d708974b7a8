package dev.skiff.bench;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A throwaway single-member etcd on loopback, with its data and log in a directory of its own. */
final class EtcdProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/etcd");

    private final ChildProcess process;
    private final URI clientUrl;

    private EtcdProcess(ChildProcess process, URI clientUrl) {
        this.process = process;
        this.clientUrl = clientUrl;
    }

    /** Starts etcd with its data and log in DIR and returns once it reports itself healthy. */
    static EtcdProcess start(Path dir, PortAllocator ports, Cleanup cleanup) throws InterruptedException {
        String binary = binary().toString();
        String client = loopbackUrl(ports.next());
        String peer = loopbackUrl(ports.next());
        List<String> command = List.of(binary,
                "--name", "bench",
                "--data-dir", dir.resolve("etcd-data").toString(),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "bench=" + peer);
        ChildProcess process = ChildProcess.start("etcd", command, Map.of(), dir.resolve("etcd.log"), cleanup);
        URI clientUrl = URI.create(client);
        process.awaitHttpOk(clientUrl.resolve("/health"), READY_TIMEOUT);
        return new EtcdProcess(process, clientUrl);
    }

    URI clientUrl() {
        return clientUrl;
    }

    /** etcd on the PATH, else Debian's. */
    private static Path binary() {
        return Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .filter(dir -> !dir.isEmpty())
                                .map(dir -> Path.of(dir, "etcd")),
                        Stream.of(DEBIAN_BINARY))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new BenchFailure(
                        "etcd is not installed: run ./skiff test once or apt-get install etcd-server"));
    }

    private static String loopbackUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
