package dev.skiff.bench;

/**
 * The options of {@code ./skiff bench failover}.
 *
 * @param nodes    nodes of the cluster ({@code ./skiff up --cluster --nodes N}), at least 2: a stopped node's pods move to the others
 * @param replicas replicas of the Deployment
 * @param rounds   node failures, one after the other, each node brought back before the next
 * @param help     whether only the usage was asked for
 */
record FailoverOptions(int nodes, int replicas, int rounds, boolean help) {

    private static final int DEFAULT_NODES = 3;
    private static final int DEFAULT_REPLICAS = 6;
    private static final int DEFAULT_ROUNDS = 3;

    static final String USAGE = """
            Usage: ./skiff bench failover [--nodes N] [--replicas R] [--rounds K]
              --nodes N      nodes of the cluster it starts, from 2 to %1$d (default 3)
              --replicas R   replicas of the Deployment of %2$s, from 1 to %3$d (default 6)
              --rounds K     node failures, one at a time: the node holding most of the pods is stopped, then
                             started again once they all run elsewhere (default 3)
            """.formatted(LocalCluster.MAX_NODES, DemoDeployment.IMAGE_1, DemoDeployment.MAX_REPLICAS);

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason on bad input. */
    static FailoverOptions parse(String... args) {
        ClusterOptions cluster = new ClusterOptions(2, DEFAULT_NODES, DEFAULT_REPLICAS, DEFAULT_ROUNDS);
        boolean complete = BenchOptions.readOptions(args, (option, value) -> {
            if (!cluster.read(option, value)) {
                throw BenchOptions.unknown(option);
            }
        });
        return new FailoverOptions(cluster.nodes, cluster.replicas, cluster.rounds, !complete);
    }
}
