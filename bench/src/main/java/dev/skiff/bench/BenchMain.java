package dev.skiff.bench;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The entry point the benchmarks share: parses the options (a bad one: the reason and the usage on
 * stderr, exit code 2; {@code --help}: the usage alone), runs the benchmark and exits with the code it
 * returns, or with 1 and the reason after a {@link BenchFailure} or an unexpected api-server answer.
 * It always exits: jetcd and the Kafka clients leave non-daemon threads behind.
 */
final class BenchMain {

    /** A benchmark run with its options; returns the exit code: 0, or 1 when anything failed. */
    @FunctionalInterface
    interface Benchmark<O> {
        int run(O options) throws Exception;
    }

    private BenchMain() {
    }

    /** Runs {@code ./skiff bench NAME ARGS}: PARSE reads ARGS, HELP tells a request for USAGE, BENCHMARK runs. */
    static <O> void run(String name, String[] args, Function<String[], O> parse, Predicate<O> help, String usage,
                        Benchmark<O> benchmark) throws Exception {
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return;
        }
        if (help.test(options)) {
            System.out.print(usage);
            return;
        }
        int exitCode;
        try {
            exitCode = benchmark.run(options);
        } catch (BenchFailure | UnexpectedResponseException e) {
            System.err.println("bench " + name + " failed: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
