package dev.skiff.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code ./skiff bench scheduler}.
 *
 * @param nodes        Node objects created (no kubelets)
 * @param pods         pods created at once, to be scheduled
 * @param warmUp       pods scheduled (then deleted) first, so the JIT compilers have compiled the paths measured
 * @param concurrency  pod creates in flight at once
 * @param store        the api-server's store
 * @param kafka        whether the api-server relays to Kafka and the scheduler reads from it (else: the api-server's watch)
 * @param profileDir   where to write Java Flight Recordings of the scheduler and the api-server during the measurement, if anywhere
 * @param kafkaLib     the Kafka runtime the broker runs from
 * @param apiServerJvm the api-server JVM's options
 * @param schedulerJvm the scheduler JVM's options
 * @param help         whether only the usage was asked for
 */
record SchedulerOptions(int nodes, int pods, int warmUp, int concurrency, Backend store, boolean kafka,
                        Optional<Path> profileDir, Path kafkaLib, List<String> apiServerJvm, List<String> schedulerJvm,
                        boolean help) {

    private static final int DEFAULT_NODES = 100;
    private static final int DEFAULT_PODS = 1000;
    private static final int DEFAULT_WARM_UP = 10000;
    private static final int DEFAULT_CONCURRENCY = 64;
    private static final Path DEFAULT_KAFKA_LIB = Path.of("kafka-runtime", "target", "lib");

    static final String USAGE = """
            Usage: ./skiff bench scheduler [--nodes N] [--pods M] [--warm-up W] [--concurrency C]
                                           [--store etcd|embedded] [--source kafka|watch] [--profile DIR] [--kafka-lib DIR]
                                           [--api-server-jvm "OPTIONS"] [--scheduler-jvm "OPTIONS"]
              --nodes N         Node objects created, without kubelets (default 100)
              --pods M          pods created at once and scheduled; the figures are about these (default 1000)
              --warm-up W       pods scheduled and deleted before, untimed, on nodes of their own (default 10000)
              --concurrency C   pod creates in flight at once (default 64)
              --store S         the api-server's store: etcd (default) or embedded
              --source S        what the scheduler reads: kafka (default; the api-server relays to it) or watch
              --profile DIR     record the scheduler and the api-server with Java Flight Recorder while the pods
                                are scheduled, write the recordings to DIR and print their hottest methods
              --kafka-lib DIR   the Kafka runtime the broker runs from (default kafka-runtime/target/lib)
              --api-server-jvm OPTS, --scheduler-jvm OPTS
                                the api-server's and the scheduler's JVM options, one string each (default: the
                                launcher's, from deploy/lib/common.sh, which ./skiff bench scheduler passes first)
            """;

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static SchedulerOptions parse(String... args) {
        Parsed parsed = new Parsed();
        boolean complete = BenchOptions.readOptions(args, parsed::read);
        SchedulerOptions options = new SchedulerOptions(parsed.nodes, parsed.pods, parsed.warmUp, parsed.concurrency, parsed.store,
                parsed.kafka, parsed.profileDir, parsed.kafkaLib, parsed.apiServerJvm, parsed.schedulerJvm, !complete);
        if (complete && options.kafka() && options.store() == Backend.EMBEDDED) {
            throw new IllegalArgumentException("--source kafka needs --store etcd (the benchmark relays from an api-server on etcd); "
                    + "with --store embedded use --source watch");
        }
        return options;
    }

    /** The options read so far, defaults where none was given. */
    private static final class Parsed {
        int nodes = DEFAULT_NODES;
        int pods = DEFAULT_PODS;
        int warmUp = DEFAULT_WARM_UP;
        int concurrency = DEFAULT_CONCURRENCY;
        Backend store = Backend.ETCD;
        boolean kafka = true;
        Optional<Path> profileDir = Optional.empty();
        Path kafkaLib = DEFAULT_KAFKA_LIB;
        List<String> apiServerJvm = List.of();
        List<String> schedulerJvm = List.of();

        void read(String option, String value) {
            switch (option) {
                case "--nodes" -> nodes = BenchOptions.number(option, value, 1, 100_000);
                case "--pods" -> pods = BenchOptions.number(option, value, 1, 1_000_000);
                case "--warm-up" -> warmUp = BenchOptions.number(option, value, 0, 1_000_000);
                case "--concurrency" -> concurrency = BenchOptions.number(option, value, 1, 1024);
                case "--store" -> store = Backend.fromConfigName(value);
                case "--source" -> kafka = switch (value) {
                    case "kafka" -> true;
                    case "watch" -> false;
                    default -> throw new IllegalArgumentException("--source is kafka or watch, got '" + value + "'");
                };
                case "--profile" -> profileDir = Optional.of(Path.of(value));
                case "--kafka-lib" -> kafkaLib = Path.of(value);
                case "--api-server-jvm" -> apiServerJvm = BenchOptions.jvmOptions(value);
                case "--scheduler-jvm" -> schedulerJvm = BenchOptions.jvmOptions(value);
                default -> throw BenchOptions.unknown(option);
            }
        }
    }
}
