package dev.skiff.bench;

import java.util.regex.Pattern;

/**
 * The options of {@code ./skiff bench rollout}.
 *
 * @param nodes          nodes of the cluster ({@code ./skiff up --cluster --nodes N})
 * @param replicas       replicas of the Deployment
 * @param rounds         rolling updates, one after the other, each to the other image tag
 * @param maxSurge       the rolling update's {@code maxSurge}: a number of pods or a percentage of the replicas, as given
 * @param maxUnavailable the rolling update's {@code maxUnavailable}, likewise
 * @param help           whether only the usage was asked for
 */
record RolloutOptions(int nodes, int replicas, int rounds, String maxSurge, String maxUnavailable, boolean help) {

    private static final int DEFAULT_NODES = 3;
    private static final int DEFAULT_REPLICAS = 10;
    private static final int DEFAULT_ROUNDS = 3;
    /** Kubernetes' defaults for both. */
    private static final String DEFAULT_MAX_SURGE = "25%";
    private static final String DEFAULT_MAX_UNAVAILABLE = "25%";
    private static final Pattern INT_OR_PERCENT = Pattern.compile("(0|[1-9][0-9]{0,3})%?");

    static final String USAGE = """
            Usage: ./skiff bench rollout [--replicas R] [--rounds K] [--nodes N] [--max-surge S] [--max-unavailable U]
              --replicas R          replicas of the Deployment of %2$s, from 1 to %3$d (default 10)
              --rounds K            rolling updates, one at a time, each to the other tag of the image (default 3)
              --nodes N             nodes of the cluster it starts, from 1 to %1$d (default 3)
              --max-surge S         the rolling update's maxSurge: pods (2) or a share of the replicas (25%%) (default 25%%)
              --max-unavailable U   the rolling update's maxUnavailable, likewise (default 25%%); not both 0
            """.formatted(LocalCluster.MAX_NODES, DemoDeployment.IMAGE_1, DemoDeployment.MAX_REPLICAS);

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static RolloutOptions parse(String... args) {
        ClusterOptions cluster = new ClusterOptions(1, DEFAULT_NODES, DEFAULT_REPLICAS, DEFAULT_ROUNDS);
        Shares shares = new Shares();
        boolean complete = BenchOptions.readOptions(args, (option, value) -> {
            if (cluster.read(option, value)) {
                return;
            }
            switch (option) {
                case "--max-surge" -> shares.maxSurge = intOrPercent(option, value);
                case "--max-unavailable" -> shares.maxUnavailable = intOrPercent(option, value);
                default -> throw BenchOptions.unknown(option);
            }
        });
        if (complete && isZero(shares.maxSurge) && isZero(shares.maxUnavailable)) {
            throw new IllegalArgumentException("--max-surge and --max-unavailable cannot both be 0: the rollout could never replace a pod");
        }
        return new RolloutOptions(cluster.nodes, cluster.replicas, cluster.rounds, shares.maxSurge, shares.maxUnavailable, !complete);
    }

    /** A {@code maxSurge} or {@code maxUnavailable} as Kubernetes reads it: a whole number, or a percentage up to 100%. */
    private static String intOrPercent(String option, String value) {
        if (!INT_OR_PERCENT.matcher(value).matches() || value.endsWith("%") && Integer.parseInt(value.replace("%", "")) > 100) {
            throw new IllegalArgumentException(option + " needs a number of pods (e.g. 2) or a percentage from 0% to 100% (e.g. 25%), got '"
                    + value + "'");
        }
        return value;
    }

    private static boolean isZero(String intOrPercent) {
        return intOrPercent.equals("0") || intOrPercent.equals("0%");
    }

    /** The rolling update's shares read so far, Kubernetes' defaults where none was given. */
    private static final class Shares {
        String maxSurge = DEFAULT_MAX_SURGE;
        String maxUnavailable = DEFAULT_MAX_UNAVAILABLE;
    }
}
