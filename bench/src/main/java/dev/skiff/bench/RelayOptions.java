package dev.skiff.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code ./skiff bench relay}.
 *
 * @param rate        writes per second the paced writer aims at
 * @param seconds     how long the paced writes go on
 * @param concurrency writes in flight at most; when they all are, the writer waits
 * @param kafkaLib    the Kafka runtime (kafka-runtime/target/lib) the broker runs from
 * @param apiServerJvm the api-server JVM's options
 * @param help        whether only the usage was asked for
 */
record RelayOptions(int rate, int seconds, int concurrency, Path kafkaLib, List<String> apiServerJvm, boolean help) {

    private static final int DEFAULT_RATE = 1000;
    private static final int DEFAULT_SECONDS = 30;
    private static final int DEFAULT_CONCURRENCY = 32;
    private static final Path DEFAULT_KAFKA_LIB = Path.of("kafka-runtime", "target", "lib");

    static final String USAGE = """
            Usage: ./skiff bench relay [--rate R] [--seconds S] [--concurrency C] [--kafka-lib DIR] [--api-server-jvm "OPTIONS"]
              --rate R          configmap writes per second, paced open-loop (default 1000)
              --seconds S       how long the paced writes go on (default 30)
              --concurrency C   writes in flight at most (default 32)
              --kafka-lib DIR   the Kafka runtime the broker runs from (default kafka-runtime/target/lib)
              --api-server-jvm OPTS  the api-server JVM's options, one string (default: the launcher's, from
                                deploy/lib/common.sh, which ./skiff bench relay passes first)
            """;

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static RelayOptions parse(String... args) {
        Parsed parsed = new Parsed();
        boolean complete = BenchOptions.readOptions(args, parsed::read);
        return new RelayOptions(parsed.rate, parsed.seconds, parsed.concurrency, parsed.kafkaLib, parsed.apiServerJvm, !complete);
    }

    /** The options read so far, defaults where none was given. */
    private static final class Parsed {
        int rate = DEFAULT_RATE;
        int seconds = DEFAULT_SECONDS;
        int concurrency = DEFAULT_CONCURRENCY;
        Path kafkaLib = DEFAULT_KAFKA_LIB;
        List<String> apiServerJvm = List.of();

        void read(String option, String value) {
            switch (option) {
                case "--rate" -> rate = BenchOptions.number(option, value, 1, 100_000);
                case "--seconds" -> seconds = BenchOptions.number(option, value, 1, 3600);
                case "--concurrency" -> concurrency = BenchOptions.number(option, value, 1, 1024);
                case "--kafka-lib" -> kafkaLib = Path.of(value);
                case "--api-server-jvm" -> apiServerJvm = BenchOptions.jvmOptions(value);
                default -> throw BenchOptions.unknown(option);
            }
        }
    }
}
