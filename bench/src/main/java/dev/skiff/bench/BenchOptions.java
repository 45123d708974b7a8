package dev.skiff.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The options of {@code ./skiff bench api}.
 *
 * @param pods        pods created, and as many gets of them
 * @param concurrency requests (or etcd puts) in flight at once
 * @param warmUp      untimed operations before each timed series, so that the JIT compilers of
 *                    the api-server and of this client have compiled the paths measured
 * @param backends    the store backends measured, in declaration order
 * @param portBase    where loopback ports are taken from; any free ones when empty
 * @param apiServerJvm options of the api-server's JVM
 * @param help        whether only the usage was asked for
 */
record BenchOptions(int pods, int concurrency, int warmUp, Set<Backend> backends, OptionalInt portBase,
                    List<String> apiServerJvm, boolean help) {

    private static final int DEFAULT_PODS = 5000;
    private static final int DEFAULT_CONCURRENCY = 32;
    /** A JVM compiles its hot paths over the first several thousand requests; measured before that, it looks 2-3 times slower. */
    private static final int DEFAULT_WARM_UP = 10000;
    private static final int MAX_CONCURRENCY = 1024;

    static final String USAGE = """
            Usage: ./skiff bench api [--pods N] [--concurrency C] [--warm-up W] [--backends embedded,etcd] [--port-base P]
                                     [--api-server-jvm "OPTIONS"]
              --pods N          pods created through the api-server, then read back by as many gets (default 5000)
              --concurrency C   requests in flight at once, also for the raw etcd puts (default 32)
              --warm-up W       untimed creates and gets (or puts) before each timed series (default 10000)
              --backends LIST   store backends measured, comma-separated: embedded, etcd (default both)
              --port-base P     take the loopback ports from P upwards instead of any free ones
              --api-server-jvm OPTS  the api-server JVM's options, one string (default: the launcher's, from
                                deploy/lib/common.sh, which ./skiff bench api passes first), e.g. "-XX:TieredStopAtLevel=1"
            """;

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static BenchOptions parse(String... args) {
        Parsed parsed = new Parsed();
        boolean complete = readOptions(args, parsed::read);
        return new BenchOptions(parsed.pods, parsed.concurrency, parsed.warmUp, parsed.backends, parsed.portBase,
                parsed.apiServerJvm, !complete);
    }

    /** The options read so far, defaults where none was given. */
    private static final class Parsed {
        int pods = DEFAULT_PODS;
        int concurrency = DEFAULT_CONCURRENCY;
        int warmUp = DEFAULT_WARM_UP;
        Set<Backend> backends = EnumSet.allOf(Backend.class);
        OptionalInt portBase = OptionalInt.empty();
        List<String> apiServerJvm = List.of();

        void read(String option, String value) {
            switch (option) {
                case "--pods" -> pods = number(option, value, 1, Integer.MAX_VALUE);
                case "--concurrency" -> concurrency = number(option, value, 1, MAX_CONCURRENCY);
                case "--warm-up" -> warmUp = number(option, value, 0, Integer.MAX_VALUE);
                case "--backends" -> backends = backends(value);
                case "--port-base" -> portBase = OptionalInt.of(number(option, value, 1024, 65535));
                case "--api-server-jvm" -> apiServerJvm = jvmOptions(value);
                default -> throw unknown(option);
            }
        }
    }

    /** Told of one option and its value; throws {@link IllegalArgumentException} for an option it does not know or a bad value. */
    @FunctionalInterface
    interface OptionReader {
        void read(String option, String value);
    }

    /**
     * Hands each option of ARGS with its value to READER, in order; returns false, having read no
     * further, at {@code --help} or {@code -h}. Throws {@link IllegalArgumentException} for an option
     * without a value. Shared by the benches' options.
     */
    static boolean readOptions(String[] args, OptionReader reader) {
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return false;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option.startsWith("--")
                        ? option + " needs a value"
                        : "unexpected argument '" + option + "'");
            }
            reader.read(option, args[++i]);
        }
        return true;
    }

    /** The message for an option no bench knows. */
    static IllegalArgumentException unknown(String option) {
        return new IllegalArgumentException("unknown option '" + option + "'");
    }

    /** An option's whole-number value within [min, max]; a clear message otherwise. Shared by every bench's options. */
    static int number(String option, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(option + " needs a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    /** JVM options given as one string, split at white space. Shared by the benches' options. */
    static List<String> jvmOptions(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    /** JVM options as a bench prints them: {@code (defaults)} for none. */
    static String describe(List<String> jvmOptions) {
        return jvmOptions.isEmpty() ? "(defaults)" : String.join(" ", jvmOptions);
    }

    private static Set<Backend> backends(String list) {
        Set<Backend> backends = EnumSet.noneOf(Backend.class);
        for (String name : list.split(",", -1)) {
            backends.add(Backend.fromConfigName(name.trim()));
        }
        return backends;
    }
}
