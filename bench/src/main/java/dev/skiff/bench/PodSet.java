package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The pods of one namespace as the api-server shows them: listed, then kept up to date by a watch
 * on a background thread (deleted pods stay, marked gone). Milestones are conditions over all of
 * them, each with the instant ({@link System#nanoTime()}) of the event after which it first held.
 */
final class PodSet implements PodWatchStream.PodHandler, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, PodState> pods = new LinkedHashMap<>();
    private final List<Milestone> milestones = new ArrayList<>();
    private PodWatchStream stream;

    private PodSet() {
    }

    /** Lists NAMESPACE's pods and watches them from the list's resourceVersion on. */
    static PodSet watch(PodApiClient api, String namespace) throws IOException, InterruptedException, UnexpectedResponseException {
        PodSet set = new PodSet();
        JsonNode list = api.getJson("/api/v1/namespaces/" + namespace + "/pods");
        for (JsonNode pod : list.path("items")) {
            set.onPod(pod, System.nanoTime());
        }
        set.stream = PodWatchStream.start(api.http(), api.baseUri(), namespace, list.path("metadata").path("resourceVersion").asText(),
                System::nanoTime, set, "skiff-bench-pods-" + namespace);
        return set;
    }

    @Override
    public synchronized void onPod(JsonNode pod, long arrivedAt) {
        PodState state = PodState.of(pod);
        pods.put(state.name(), state);
        reach(arrivedAt);
    }

    @Override
    public synchronized void onDeleted(JsonNode pod, long arrivedAt) {
        PodState state = PodState.of(pod).deleted();
        pods.put(state.name(), state);
        reach(arrivedAt);
    }

    private void reach(long now) {
        List<PodState> all = List.copyOf(pods.values());
        for (Milestone milestone : milestones) {
            if (milestone.reachedAt == 0 && milestone.condition.test(all)) {
                milestone.reachedAt = now;
            }
        }
    }

    /** The pods now, those deleted since the list included. */
    synchronized List<PodState> snapshot() {
        return List.copyOf(pods.values());
    }

    /** A condition over all the pods, reached from the first event after which it holds (or now, if it holds now). */
    synchronized Milestone milestone(Predicate<List<PodState>> condition) {
        Milestone milestone = new Milestone(condition);
        milestones.add(milestone);
        reach(System.nanoTime());
        return milestone;
    }

    /** Fails when the watch has ended: the pods seen would no longer be the api-server's. */
    void check() {
        Throwable failure = stream.failure();
        if (failure != null) {
            throw new BenchFailure("the watch of the pods failed: " + failure);
        }
    }

    /** Returns once CONDITION holds, checked every 100 ms; fails after TIMEOUT, saying it waited for WHAT and showing the pods. */
    void await(String what, Duration timeout, Predicate<List<PodState>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(snapshot())) {
            check();
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("waited " + timeout.toSeconds() + " s in vain for " + what + "; the pods: " + describe());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** One line per pod that is not gone, for messages. */
    String describe() {
        String live = snapshot().stream().filter(pod -> !pod.gone()).map(pod -> "\n  " + pod).collect(Collectors.joining());
        return live.isEmpty() ? "none" : live;
    }

    @Override
    public void close() {
        stream.close();
    }

    /** A condition over the pods, and the instant it was first seen to hold. */
    static final class Milestone {
        private final Predicate<List<PodState>> condition;
        private volatile long reachedAt;

        private Milestone(Predicate<List<PodState>> condition) {
            this.condition = condition;
        }

        boolean reached() {
            return reachedAt != 0;
        }

        /** The {@link System#nanoTime()} of the event after which the condition first held; 0 while it has not. */
        long reachedAt() {
            return reachedAt;
        }
    }
}
