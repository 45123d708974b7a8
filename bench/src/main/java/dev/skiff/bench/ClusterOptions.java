package dev.skiff.bench;

/**
 * The options the cluster benchmarks ({@code failover}, {@code rollout}) share, read with each
 * benchmark's defaults: {@code --nodes}, {@code --replicas}, {@code --rounds}.
 */
final class ClusterOptions {

    private static final int MAX_ROUNDS = 20;

    private final int minNodes;
    int nodes;
    int replicas;
    int rounds;

    /** Defaults NODES, REPLICAS and ROUNDS; at least MIN_NODES nodes. */
    ClusterOptions(int minNodes, int nodes, int replicas, int rounds) {
        this.minNodes = minNodes;
        this.nodes = nodes;
        this.replicas = replicas;
        this.rounds = rounds;
    }

    /** Reads OPTION when it is one of these; false when it is not. Throws {@link IllegalArgumentException} for a bad value. */
    boolean read(String option, String value) {
        switch (option) {
            case "--nodes" -> nodes = BenchOptions.number(option, value, minNodes, LocalCluster.MAX_NODES);
            case "--replicas" -> replicas = BenchOptions.number(option, value, 1, DemoDeployment.MAX_REPLICAS);
            case "--rounds" -> rounds = BenchOptions.number(option, value, 1, MAX_ROUNDS);
            default -> {
                return false;
            }
        }
        return true;
    }
}
