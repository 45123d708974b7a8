package dev.skiff.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The Deployment the cluster benchmarks run: R replicas of the demo image {@code ./skiff up} makes,
 * created and changed through the api-server's REST API (the Deployment controller makes its
 * ReplicaSets, they the pods), and the wait for its rollout to complete.
 */
final class DemoDeployment {

    static final String IMAGE_1 = "skiff.local/demo:1";
    /** The same image under a second tag, to roll out to with no registry. */
    static final String IMAGE_2 = "skiff.local/demo:2";
    static final int MAX_REPLICAS = 100;
    /** Kubernetes' default for both maxSurge and maxUnavailable. */
    static final String DEFAULT_ROLLING_UPDATE_SHARE = "25%";

    private static final String NAME = "demo";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CONTAINER = """
            {"name":"demo","image":"%s","imagePullPolicy":"IfNotPresent","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}]}""";
    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1$s","namespace":"%2$s","labels":{"app":"%1$s"}},\
            "spec":{"replicas":%3$d,"selector":{"matchLabels":{"app":"%1$s"}},\
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":%4$s,"maxUnavailable":%5$s}},\
            "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"containers":[%6$s]}}}}""";
    /** A merge patch replaces a list whole: the container is given again, all of it, with the new image. */
    private static final String IMAGE_PATCH = """
            {"spec":{"template":{"spec":{"containers":[%s]}}}}""";

    private final PodApiClient api;
    private final String path;
    private final int replicas;
    private String image;
    /** The generation of the last change written. */
    private long generation;

    private DemoDeployment(PodApiClient api, String namespace, int replicas, String image, long generation) {
        this.api = api;
        this.path = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + NAME;
        this.replicas = replicas;
        this.image = image;
        this.generation = generation;
    }

    /**
     * Creates the Deployment in NAMESPACE: REPLICAS pods of IMAGE, rolled out with MAX_SURGE and
     * MAX_UNAVAILABLE (each a number of pods, or a percentage such as {@code 25%}).
     */
    static DemoDeployment create(PodApiClient api, String namespace, int replicas, String maxSurge, String maxUnavailable, String image)
            throws IOException, InterruptedException, UnexpectedResponseException {
        String manifest = DEPLOYMENT.formatted(NAME, namespace, replicas, intOrString(maxSurge), intOrString(maxUnavailable),
                CONTAINER.formatted(image));
        long generation = api.create("/apis/apps/v1/namespaces/" + namespace + "/deployments", manifest)
                .path("metadata").path("generation").asLong();
        return new DemoDeployment(api, namespace, replicas, image, generation);
    }

    /** {@code 25%} as a JSON string, {@code 2} as a number: Kubernetes' IntOrString. */
    private static String intOrString(String value) {
        return value.endsWith("%") ? "\"" + value + "\"" : value;
    }

    /** Changes the pod template's image with a merge patch; the rollout starts. */
    void setImage(String newImage) throws IOException, InterruptedException, UnexpectedResponseException {
        generation = api.mergePatch(path, IMAGE_PATCH.formatted(CONTAINER.formatted(newImage))).path("metadata").path("generation").asLong();
        image = newImage;
    }

    String image() {
        return image;
    }

    RolloutStatus status() throws IOException, InterruptedException, UnexpectedResponseException {
        return RolloutStatus.of(api.getJson(path));
    }

    /**
     * Polls the Deployment every 100 ms until its rollout is complete as {@code kubectl rollout status}
     * decides it and the pods agree: every replica Running and Ready with the current image, and no
     * pod of another left but terminating ones. Returns the {@link System#nanoTime()} of the poll that
     * saw it complete; fails after TIMEOUT, or when the Deployment exceeds its progress deadline.
     */
    long awaitRolledOut(PodSet pods, Duration timeout) throws IOException, InterruptedException, UnexpectedResponseException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            pods.check();
            RolloutStatus status = status();
            long now = System.nanoTime();
            if (status.complete(generation) && settled(pods.snapshot())) {
                return now;
            }
            if (status.deadlineExceeded() || now > deadline) {
                throw new BenchFailure("the Deployment " + path + " did not finish rolling out to " + image + " within "
                        + timeout.toSeconds() + " s" + (status.deadlineExceeded() ? " (it exceeded its progress deadline)" : "")
                        + ": " + status.describe(generation)
                        + ". Its pods are made by the Deployment and ReplicaSet controllers of the controller manager, placed by"
                        + " the scheduler, started by the kubelets; the pods: " + pods.describe());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Whether the pods are the Deployment's replicas, all Running and Ready with its image, and none other but terminating ones. */
    boolean settled(List<PodState> pods) {
        long serving = pods.stream().filter(pod -> pod.serving() && pod.image().equals(image)).count();
        boolean othersLeft = pods.stream().anyMatch(pod -> pod.active() && !pod.image().equals(image));
        return serving == replicas && !othersLeft;
    }
}
