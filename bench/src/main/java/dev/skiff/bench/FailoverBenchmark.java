package dev.skiff.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./skiff bench failover}: how long a node failure takes to heal. Starts a cluster of N
 * nodes through {@code ./skiff} (etcd, Kafka, {@code up --cluster}) and a Deployment of R replicas of
 * the demo image; per round, stops the kubelet of the node holding most of its pods
 * ({@code ./skiff node stop}) and times, from just before the stop: the node's {@code Ready}
 * condition leaving {@code True} (polled every 100 ms), the first of its pods marked for deletion
 * (the taint eviction), and R pods Running and Ready on the other nodes (both from a watch of the
 * pods). Then starts the node again and waits until its stranded pods are gone before the next round.
 */
public final class FailoverBenchmark {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** Kubernetes' defaults take 40 s to call a node unreachable and 300 s to evict its pods; Skiff's about 30 s in all. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofMinutes(7);
    private static final Duration POLL = Duration.ofMillis(100);

    private final FailoverOptions options;
    private final PrintStream out = System.out;

    private FailoverBenchmark(FailoverOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("failover", args, FailoverOptions::parse, FailoverOptions::help, FailoverOptions.USAGE,
                options -> new FailoverBenchmark(options).run());
    }

    private int run() throws Exception {
        out.printf("Skiff failover benchmark: %d nodes, a Deployment of %d replicas of %s, %d rounds, %d CPUs, load %s%n",
                options.nodes(), options.replicas(), DemoDeployment.IMAGE_1, options.rounds(), Runtime.getRuntime().availableProcessors(),
                MachineLoad.average());
        out.println("each round stops the kubelet of the node holding most of the pods and times, from just before ./skiff node stop:"
                + " its Ready condition no longer True, the first of its pods marked for deletion, and all the replicas Running and"
                + " Ready on the other nodes");
        List<Round> rounds = LocalCluster.with("failover", options.nodes(), out, this::measure);
        report(rounds);
        return 0;
    }

    private List<Round> measure(LocalCluster cluster) throws Exception {
        String namespace = cluster.createNamespace();
        DemoDeployment deployment = DemoDeployment.create(cluster.api(), namespace, options.replicas(),
                DemoDeployment.DEFAULT_ROLLING_UPDATE_SHARE, DemoDeployment.DEFAULT_ROLLING_UPDATE_SHARE, DemoDeployment.IMAGE_1);
        try (PodSet pods = PodSet.watch(cluster.api(), namespace)) {
            deployment.awaitRolledOut(pods, SETTLE_TIMEOUT);
            out.println("the Deployment's pods are Running and Ready: " + spread(pods.snapshot()));
        }
        List<Round> rounds = new ArrayList<>();
        for (int number = 1; number <= options.rounds(); number++) {
            Round round = round(cluster, deployment, namespace, number);
            out.println(round.summary());
            rounds.add(round);
        }
        return rounds;
    }

    private Round round(LocalCluster cluster, DemoDeployment deployment, String namespace, int number) throws Exception {
        try (PodSet pods = PodSet.watch(cluster.api(), namespace)) {
            List<PodState> before = pods.snapshot().stream().filter(PodState::serving).toList();
            String node = busiest(before);
            Set<String> stranded = before.stream().filter(pod -> pod.node().equals(node)).map(PodState::name).collect(Collectors.toSet());
            out.printf("round %d: stopping %s, which runs %d of the %d pods (%s)%n", number, node, stranded.size(), before.size(),
                    spread(before));
            PodSet.Milestone evicted = pods.milestone(all -> all.stream()
                    .anyMatch(pod -> stranded.contains(pod.name()) && pod.markedForDeletion()));
            PodSet.Milestone recovered = pods.milestone(all -> all.stream()
                    .filter(pod -> pod.serving() && !pod.node().equals(node)).count() >= options.replicas());

            long stopped = System.nanoTime();
            cluster.stopNode(node);
            long stopDone = System.nanoTime();
            long notReady = 0;
            long deadline = stopped + FAILOVER_TIMEOUT.toNanos();
            while (notReady == 0 || !evicted.reached() || !recovered.reached()) {
                pods.check();
                if (notReady == 0 && !cluster.nodeReady(node).equals("True")) {
                    notReady = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure(stalled(node, notReady != 0, evicted.reached(), pods));
                }
                Thread.sleep(POLL.toMillis());
            }

            long started = System.nanoTime();
            cluster.startNode(node);
            pods.await("the pods stranded on " + node + " to be gone, and the replicas Running and Ready", SETTLE_TIMEOUT,
                    all -> deployment.settled(all) && all.stream().noneMatch(pod -> stranded.contains(pod.name()) && !pod.gone()));
            long back = System.nanoTime();
            return new Round(number, node, stranded.size(), stopDone - stopped, notReady - stopped, evicted.reachedAt() - stopped,
                    recovered.reachedAt() - stopped, back - started);
        }
    }

    /** The node with most of the pods; of equals, the first by name. */
    private static String busiest(List<PodState> pods) {
        Map<String, Long> perNode = new TreeMap<>(pods.stream().collect(Collectors.groupingBy(PodState::node, Collectors.counting())));
        return perNode.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new BenchFailure("the Deployment has no pod Running and Ready to fail over"));
    }

    /** How many pods run on each node, e.g. {@code node-1: 2, node-2: 2, node-3: 2}. */
    private static String spread(List<PodState> pods) {
        return new TreeMap<>(pods.stream().filter(PodState::serving).collect(Collectors.groupingBy(PodState::node, Collectors.counting())))
                .entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", "));
    }

    private String stalled(String node, boolean notReady, boolean evicted, PodSet pods) {
        String within = " within " + FAILOVER_TIMEOUT.toSeconds() + " s of its kubelet's stop";
        if (!notReady) {
            return node + "'s Ready condition stayed True" + within + ": the node lifecycle controller (controller manager) marks"
                    + " a node whose kubelet went silent Unknown once its grace period has passed";
        }
        if (!evicted) {
            return "none of the pods on " + node + " was marked for deletion" + within + ": the taint eviction controller"
                    + " (controller manager) deletes the pods of a node tainted unreachable or not-ready once their toleration"
                    + " runs out; the pods: " + pods.describe();
        }
        return "the replicas were not all Running and Ready on the other nodes" + within + ": the ReplicaSet controller"
                + " replaces the evicted pods, the scheduler places them, the kubelets start them; the pods: " + pods.describe();
    }

    private void report(List<Round> rounds) {
        LatencySeries notReady = series(rounds, Round::notReady);
        LatencySeries evicted = series(rounds, Round::evicted);
        LatencySeries recovered = series(rounds, Round::recovered);
        String node = "%-" + rounds.stream().mapToInt(round -> round.node.length()).max().orElse(4) + "s";
        out.println();
        out.printf(Locale.ROOT, "%-6s " + node + " %5s %8s %12s %10s %12s %10s%n",
                "round", "node", "pods", "stop_s", "not_ready_s", "evicted_s", "recovered_s", "rejoin_s");
        for (Round round : rounds) {
            out.printf(Locale.ROOT, "%-6d " + node + " %5d %8.2f %12.2f %10.2f %12.2f %10.2f%n", round.number, round.node, round.pods,
                    seconds(round.stop), seconds(round.notReady), seconds(round.evicted), seconds(round.recovered), seconds(round.rejoin));
        }
        for (int percentile : new int[] {50, 100}) {
            out.printf(Locale.ROOT, "%-6s " + node + " %5s %8s %12.2f %10.2f %12.2f%n", percentile == 50 ? "p50" : "max", "", "", "",
                    notReady.percentileSeconds(percentile), evicted.percentileSeconds(percentile), recovered.percentileSeconds(percentile));
        }
        out.println("(seconds from just before ./skiff node stop; stop_s: that command; rejoin_s: from ./skiff node start until the"
                + " node was Ready and its stranded pods were gone)");
        out.println("load average at the end: " + MachineLoad.average());
        out.println();
        out.println(String.format(Locale.ROOT,
                "RESULT bench=failover nodes=%d replicas=%d rounds=%d not_ready_s_p50=%.2f evicted_s_p50=%.2f recovered_s_p50=%.2f"
                        + " recovered_s_max=%.2f",
                options.nodes(), options.replicas(), options.rounds(), notReady.percentileSeconds(50), evicted.percentileSeconds(50),
                recovered.percentileSeconds(50), recovered.percentileSeconds(100)));
    }

    private static LatencySeries series(List<Round> rounds, Function<Round, Long> nanos) {
        LatencySeries series = new LatencySeries();
        rounds.forEach(round -> series.add(nanos.apply(round)));
        return series;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One node failure, its durations in nanoseconds from just before the stop (rejoin: from the start command). */
    private record Round(int number, String node, int pods, long stop, long notReady, long evicted, long recovered, long rejoin) {

        String summary() {
            return String.format(Locale.ROOT, "round %d: %s not Ready after %.1f s, its first pod marked for deletion after %.1f s,"
                    + " all the replicas Running and Ready elsewhere after %.1f s; the node back and its stranded pods gone"
                    + " %.1f s after ./skiff node start", number, node, seconds(notReady), seconds(evicted), seconds(recovered),
                    seconds(rejoin));
        }
    }
}
