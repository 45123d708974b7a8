package dev.skiff.bench;

import java.util.List;

/**
 * The options of {@code ./skiff bench podstart}.
 *
 * @param pods        pods started at once per round, and as many raw containers
 * @param rounds      measured rounds; each starts the pods through the kubelet, then the raw containers, then pods
 *                    through Skiff's Docker runtime alone, and removes them all before the next
 * @param concurrency threads creating the pods (and the raw containers) at once; default: one per pod
 * @param kubeletJvm  the kubelet JVM's options
 * @param apiServerJvm the api-server JVM's options
 * @param settle      seconds the kubelet idles after its node is Ready before its idle RSS is read
 * @param help        whether only the usage was asked for
 */
record PodStartOptions(int pods, int rounds, int concurrency, List<String> kubeletJvm, List<String> apiServerJvm, int settle,
                       boolean help) {

    private static final int DEFAULT_PODS = 50;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int DEFAULT_SETTLE = 5;

    static final String USAGE = """
            Usage: ./skiff bench podstart [--pods N] [--rounds R] [--concurrency C] [--kubelet-jvm "OPTIONS"]
                                          [--api-server-jvm "OPTIONS"] [--settle S]
              --pods N            pods created at once per round, bound to the kubelet's node (default 50); as many
                                  raw docker-java containers (create + start) are timed beside them
              --rounds R          measured rounds (default 3); the figures pool all rounds, the first included;
                                  the p99 ratio is also given for the first round and the later ones apart
              --concurrency C     threads creating the pods, and the raw containers, at once (default: N)
              --kubelet-jvm OPTS  the kubelet JVM's options, one string (default: the launcher's, from
                                  deploy/lib/kubelet.sh, which ./skiff bench podstart passes first)
              --api-server-jvm OPTS  the api-server JVM's options, one string (default: the launcher's, from
                                  deploy/lib/common.sh, which ./skiff bench podstart passes first)
              --settle S          seconds the kubelet idles after its node is Ready, before its idle RSS (default 5)
            """;

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static PodStartOptions parse(String... args) {
        Parsed parsed = new Parsed();
        if (!BenchOptions.readOptions(args, parsed::read)) {
            return new PodStartOptions(parsed.pods, parsed.rounds, parsed.pods, parsed.kubeletJvm, parsed.apiServerJvm, parsed.settle,
                    true);
        }
        return new PodStartOptions(parsed.pods, parsed.rounds, parsed.concurrency == null ? parsed.pods : parsed.concurrency,
                parsed.kubeletJvm, parsed.apiServerJvm, parsed.settle, false);
    }

    /** The options read so far, defaults where none was given. */
    private static final class Parsed {
        int pods = DEFAULT_PODS;
        int rounds = DEFAULT_ROUNDS;
        Integer concurrency;
        List<String> kubeletJvm = List.of();
        List<String> apiServerJvm = List.of();
        int settle = DEFAULT_SETTLE;

        void read(String option, String value) {
            switch (option) {
                case "--pods" -> pods = BenchOptions.number(option, value, 1, 500);
                case "--rounds" -> rounds = BenchOptions.number(option, value, 1, 100);
                case "--concurrency" -> concurrency = BenchOptions.number(option, value, 1, 500);
                case "--kubelet-jvm" -> kubeletJvm = BenchOptions.jvmOptions(value);
                case "--api-server-jvm" -> apiServerJvm = BenchOptions.jvmOptions(value);
                case "--settle" -> settle = BenchOptions.number(option, value, 0, 600);
                default -> throw BenchOptions.unknown(option);
            }
        }
    }
}
