package dev.skiff.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Random;

/**
 * Pod creates, gets of random created pods, full lists and paged lists through an api-server's
 * REST API, each series timed per call, after a warm-up in a namespace of its own.
 */
final class PodApiBenchmark {

    private static final int FULL_LISTS = 20;
    private static final int PAGED_LISTS = 200;
    private static final int PAGE_SIZE = 100;
    private static final String NAMESPACE = "default";
    private static final String WARM_UP_NAMESPACE = "skiff-bench-warm-up";
    private static final long GET_ORDER_SEED = 20_240_601L;

    private final int pods;
    private final int warmUp;
    private final LoadRunner runner;
    private final Problems problems;

    PodApiBenchmark(int pods, int warmUp, LoadRunner runner, Problems problems) {
        this.pods = pods;
        this.warmUp = warmUp;
        this.runner = runner;
        this.problems = problems;
    }

    BackendResults run(Backend backend, URI apiServer) throws IOException, InterruptedException {
        PodApiClient client = new PodApiClient(apiServer);
        String target = backend.configName();

        warmUp(client, target);
        Measurement create = runner.run("create", target, pods,
                i -> client.createPod(NAMESPACE, PodManifest.json(NAMESPACE, i)));
        int[] getOrder = new Random(GET_ORDER_SEED).ints(pods, 0, pods).toArray();
        Measurement get = runner.run("get", target, pods,
                i -> client.getPod(NAMESPACE, PodManifest.name(getOrder[i])));
        Measurement list = runner.run("list", target, FULL_LISTS,
                i -> client.listPods(NAMESPACE));
        Measurement pagedList = runner.run("list limit=" + PAGE_SIZE, target, PAGED_LISTS,
                i -> client.listPods(NAMESPACE, PAGE_SIZE));
        verifyListedPods(client, target, pods - create.errors());
        return new BackendResults(backend, create, get, list, pagedList);
    }

    /** Creates and gets pods in a namespace of their own, so that the timed lists do not see them. */
    private void warmUp(PodApiClient client, String target) throws IOException, InterruptedException {
        try {
            client.createNamespace(WARM_UP_NAMESPACE);
        } catch (UnexpectedResponseException e) {
            problems.report(1, target + ": cannot create the warm-up namespace: " + e.getMessage());
        }
        runner.run("create (warm-up)", target, warmUp,
                i -> client.createPod(WARM_UP_NAMESPACE, PodManifest.json(WARM_UP_NAMESPACE, i)));
        runner.run("get (warm-up)", target, warmUp,
                i -> client.getPod(WARM_UP_NAMESPACE, PodManifest.name(i)));
    }

    /** An untimed full list must return every pod created, no more and no fewer. */
    private void verifyListedPods(PodApiClient client, String target, int created) throws IOException, InterruptedException {
        try {
            int listed = client.countPods(NAMESPACE);
            if (listed != created) {
                problems.report(1, target + ": a full list returned " + listed + " pods where " + created + " were created");
            }
        } catch (UnexpectedResponseException e) {
            problems.report(1, target + ": the check of the full list failed: " + e.getMessage());
        }
    }
}
