package dev.skiff.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./skiff bench rollout}: how long a rolling update of a Deployment takes. Starts a cluster of
 * N nodes through {@code ./skiff} (etcd, Kafka, {@code up --cluster}), tags the demo image a second
 * time ({@code skiff.local/demo:2}) and creates a Deployment of R replicas; per round, changes the
 * pod template's image to the other tag with a merge patch and times, from just before the PATCH:
 * the first pod of the new image Running and Ready (from a watch of the pods), and the rollout's
 * completion as {@code kubectl rollout status} decides it (the Deployment polled every 100 ms), with
 * every replica of the new image Running and Ready and no pod of the old one left but terminating ones.
 */
public final class RolloutBenchmark {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

    private final RolloutOptions options;
    private final PrintStream out = System.out;

    private RolloutBenchmark(RolloutOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("rollout", args, RolloutOptions::parse, RolloutOptions::help, RolloutOptions.USAGE,
                options -> new RolloutBenchmark(options).run());
    }

    private int run() throws Exception {
        out.printf("Skiff rollout benchmark: %d nodes, a Deployment of %d replicas (maxSurge %s, maxUnavailable %s), %d rolling updates"
                        + " between %s and %s, %d CPUs, load %s%n",
                options.nodes(), options.replicas(), options.maxSurge(), options.maxUnavailable(), options.rounds(),
                DemoDeployment.IMAGE_1, DemoDeployment.IMAGE_2, Runtime.getRuntime().availableProcessors(), MachineLoad.average());
        List<Round> rounds = LocalCluster.with("rollout", options.nodes(), out, this::measure);
        report(rounds);
        return 0;
    }

    private List<Round> measure(LocalCluster cluster) throws Exception {
        cluster.docker("tag", DemoDeployment.IMAGE_1, DemoDeployment.IMAGE_2);
        String namespace = cluster.createNamespace();
        DemoDeployment deployment = DemoDeployment.create(cluster.api(), namespace, options.replicas(), options.maxSurge(),
                options.maxUnavailable(), DemoDeployment.IMAGE_1);
        try (PodSet pods = PodSet.watch(cluster.api(), namespace)) {
            deployment.awaitRolledOut(pods, SETTLE_TIMEOUT);
        }
        out.println("the Deployment's " + options.replicas() + " pods are Running and Ready");
        List<Round> rounds = new ArrayList<>();
        for (int number = 1; number <= options.rounds(); number++) {
            Round round = round(deployment, cluster, namespace, number);
            out.printf(Locale.ROOT, "round %d: %s -> %s, first new pod Ready after %.2f s, rolled out after %.2f s%n",
                    number, round.from, round.to, seconds(round.firstReady), seconds(round.rollout));
            rounds.add(round);
        }
        return rounds;
    }

    private Round round(DemoDeployment deployment, LocalCluster cluster, String namespace, int number) throws Exception {
        String from = deployment.image();
        String to = from.equals(DemoDeployment.IMAGE_1) ? DemoDeployment.IMAGE_2 : DemoDeployment.IMAGE_1;
        try (PodSet pods = PodSet.watch(cluster.api(), namespace)) {
            PodSet.Milestone firstReady = pods.milestone(all -> all.stream().anyMatch(pod -> pod.serving() && pod.image().equals(to)));
            long patched = System.nanoTime();
            deployment.setImage(to);
            long rolledOut = deployment.awaitRolledOut(pods, ROLLOUT_TIMEOUT);
            pods.await("the pods of " + from + " to be gone", SETTLE_TIMEOUT,
                    all -> all.stream().allMatch(pod -> pod.gone() || pod.image().equals(to)));
            return new Round(number, from, to, rolledOut - patched, firstReady.reachedAt() - patched);
        }
    }

    private void report(List<Round> rounds) {
        LatencySeries rollout = new LatencySeries();
        LatencySeries firstReady = new LatencySeries();
        out.println();
        out.printf(Locale.ROOT, "%-6s %-40s %12s %10s%n", "round", "image", "first_ready_s", "rollout_s");
        for (Round round : rounds) {
            rollout.add(round.rollout);
            firstReady.add(round.firstReady);
            out.printf(Locale.ROOT, "%-6d %-40s %12.2f %10.2f%n", round.number, round.from + " -> " + round.to,
                    seconds(round.firstReady), seconds(round.rollout));
        }
        out.printf(Locale.ROOT, "%-6s %-40s %12.2f %10.2f%n", "p50", "", firstReady.percentileSeconds(50), rollout.percentileSeconds(50));
        out.printf(Locale.ROOT, "%-6s %-40s %12.2f %10.2f%n", "max", "", firstReady.percentileSeconds(100), rollout.percentileSeconds(100));
        out.println("(seconds from just before the PATCH of the image; rollout_s: until kubectl rollout status would say"
                + " \"successfully rolled out\" and every replica of the new image is Running and Ready, none of the old one left)");
        out.println("load average at the end: " + MachineLoad.average());
        out.println();
        out.println(String.format(Locale.ROOT,
                "RESULT bench=rollout nodes=%d replicas=%d rounds=%d rollout_s_p50=%.2f rollout_s_max=%.2f first_ready_s_p50=%.2f",
                options.nodes(), options.replicas(), options.rounds(), rollout.percentileSeconds(50), rollout.percentileSeconds(100),
                firstReady.percentileSeconds(50)));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One rolling update, its durations in nanoseconds from just before the PATCH. */
    private record Round(int number, String from, String to, long rollout, long firstReady) {
    }
}
