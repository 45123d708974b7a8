package dev.skiff.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ./skiff bench api}: the api-server's pod create, get and list throughput and latency on
 * each store backend, beside raw etcd put throughput measured on the same machine in the same
 * run. Every process it needs (etcd, the api-server) it starts itself, each with fresh data, and
 * stops again, also when it fails or is interrupted.
 */
public final class ApiBenchmark {

    /** Relative to the repository root, where {@code ./skiff} runs the benchmark. */
    private static final Path API_SERVER_JAR = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");

    private final BenchOptions options;
    private final PrintStream out = System.out;
    private final Problems problems = new Problems();
    private final LoadRunner runner;

    private ApiBenchmark(BenchOptions options) {
        this.options = options;
        this.runner = new LoadRunner(options.concurrency(), this::finished);
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("api", args, BenchOptions::parse, BenchOptions::help, BenchOptions.USAGE,
                options -> new ApiBenchmark(options).run());
    }

    /** Runs the whole benchmark; returns the exit code: 0, or 1 when anything failed. */
    private int run() throws IOException, InterruptedException {
        out.printf("Skiff api-server benchmark: %d pods (manifest of %d bytes), concurrency %d, backends %s, %d CPUs,"
                        + " api-server JVM %s%n",
                options.pods(), PodManifest.json("default", 0).getBytes(StandardCharsets.UTF_8).length,
                options.concurrency(), options.backends().stream().map(Backend::configName).collect(Collectors.joining(", ")),
                Runtime.getRuntime().availableProcessors(), BenchOptions.describe(options.apiServerJvm()));
        try (Cleanup cleanup = new Cleanup()) {
            WorkDirectory work = cleanup.add(WorkDirectory.create("api"));
            PortAllocator ports = options.portBase().isPresent()
                    ? PortAllocator.from(options.portBase().getAsInt())
                    : PortAllocator.anyFree();

            Measurement rawPut = measureRawEtcdPuts(work.directory("raw-etcd"), ports, cleanup);
            List<BackendResults> backends = new ArrayList<>();
            for (Backend backend : options.backends()) {
                backends.add(measureBackend(backend, work.directory(backend.configName()), ports, cleanup));
            }

            ResultTable.print(out, rawPut, backends, problems);
            out.println(ResultLine.format(options, rawPut, backends, problems));
            return problems.isEmpty() ? 0 : 1;
        }
    }

    private Measurement measureRawEtcdPuts(Path dir, PortAllocator ports, Cleanup cleanup) throws InterruptedException {
        out.println("raw etcd: starting a fresh etcd, then " + options.pods() + " puts through jetcd");
        try (EtcdProcess etcd = EtcdProcess.start(dir, ports, cleanup)) {
            return new RawEtcdPutBenchmark(options.pods(), options.warmUp(), runner).run(etcd.clientUrl());
        }
    }

    private BackendResults measureBackend(Backend backend, Path dir, PortAllocator ports, Cleanup cleanup)
            throws IOException, InterruptedException {
        PodApiBenchmark benchmark = new PodApiBenchmark(options.pods(), options.warmUp(), runner, problems);
        return switch (backend) {
            case EMBEDDED -> {
                out.println("embedded: starting the api-server on a fresh embedded store");
                try (ApiServerProcess apiServer = ApiServerProcess.withEmbeddedStore(API_SERVER_JAR, options.apiServerJvm(), dir, ports.next(), cleanup)) {
                    yield benchmark.run(backend, apiServer.baseUri());
                }
            }
            case ETCD -> {
                out.println("etcd: starting a fresh etcd and the api-server on it");
                try (EtcdProcess etcd = EtcdProcess.start(dir, ports, cleanup);
                     ApiServerProcess apiServer = ApiServerProcess.withEtcd(API_SERVER_JAR, options.apiServerJvm(), etcd.clientUrl(), dir, ports.next(), cleanup)) {
                    yield benchmark.run(backend, apiServer.baseUri());
                }
            }
        };
    }

    /** Reports a finished series of operations, and its failures to the problems. */
    private void finished(Measurement measurement) {
        problems.check(measurement);
        out.println("  " + measurement.summary());
    }
}
