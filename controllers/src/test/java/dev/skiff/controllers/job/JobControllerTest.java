package dev.skiff.controllers.job;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Job controller in the manager, against a real api-server; the test plays the kubelet, finishing pods as it likes. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(90)
class JobControllerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private KubernetesClient client;
    private TestNamespace namespace;
    private String ns;

    @BeforeEach
    void connect() {
        namespace = TestNamespace.open("job-test");
        client = namespace.client();
        ns = namespace.name();
    }

    @AfterEach
    void clean() {
        namespace.close();
    }

    private Job create(String name, Consumer<JobBuilder> change) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox").endContainer().endSpec().endTemplate().endSpec();
        change.accept(builder);
        return client.resource(builder.build()).create();
    }

    private Job current(String name) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    }

    private List<Pod> podsOf(Job job) {
        return client.pods().inNamespace(ns).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(ref -> ref.getUid().equals(job.getMetadata().getUid()) && Boolean.TRUE.equals(ref.getController())))
                .toList();
    }

    private List<Pod> runningPodsOf(Job job) {
        return podsOf(job).stream().filter(pod -> pod.getStatus() == null || pod.getStatus().getPhase() == null
                || "Pending".equals(pod.getStatus().getPhase())).filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** Ends the pod as its kubelet would: phase Succeeded or Failed. */
    private void finish(Pod pod, String phase) {
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"" + phase + "\"}}");
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? Optional.empty()
                : job.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private List<Event> events(String reason, String about) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && about.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void runsItsPodsOneCompletionAtATimeCountsEachOnceAndCompletes() {
        Job job = create("twice", b -> b.editSpec().withCompletions(2).withParallelism(1).endSpec());

        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 1);
        Pod first = runningPodsOf(job).get(0);
        assertThat(first.getMetadata().getGenerateName()).isEqualTo("twice-");
        assertThat(first.getMetadata().getFinalizers()).contains("batch.kubernetes.io/job-tracking");
        assertThat(first.getMetadata().getLabels()).containsEntry("job-name", "twice")
                .containsEntry("batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
        OwnerReference ref = first.getMetadata().getOwnerReferences().get(0);
        assertThat(ref.getKind()).isEqualTo("Job");
        assertThat(ref.getApiVersion()).isEqualTo("batch/v1");
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job running = current("twice");
            assertThat(running.getStatus().getActive()).isEqualTo(1);
            assertThat(running.getStatus().getStartTime()).isNotNull();
        });

        finish(first, "Succeeded");
        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 1
                && !runningPodsOf(job).get(0).getMetadata().getName().equals(first.getMetadata().getName()));
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(current("twice").getStatus().getSucceeded()).isEqualTo(1);
            assertThat(client.pods().inNamespace(ns).withName(first.getMetadata().getName()).get().getMetadata().getFinalizers())
                    .as("a counted pod is released").doesNotContain("batch.kubernetes.io/job-tracking");
        });
        finish(runningPodsOf(job).get(0), "Succeeded");

        await().atMost(DEADLINE).untilAsserted(() -> {
            Job done = current("twice");
            assertThat(condition(done, "Complete")).isPresent();
            assertThat(condition(done, "SuccessCriteriaMet")).isPresent();
            assertThat(done.getStatus().getSucceeded()).isEqualTo(2);
            assertThat(done.getStatus().getActive()).isZero();
            assertThat(done.getStatus().getCompletionTime()).isNotNull();
            assertThat(done.getStatus().getUncountedTerminatedPods().getSucceeded()).isEmpty();
            assertThat(events("Completed", "twice")).hasSize(1);
            assertThat(events("SuccessfulCreate", "twice")).hasSize(2);
        });
        // no pod is created after completion, and the count stays
        await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> podsOf(job).size() == 2 && current("twice").getStatus().getSucceeded() == 2);
    }

    private static String indexOf(Pod pod) {
        return pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index");
    }

    private Optional<Pod> runningPodOfIndex(Job job, String index) {
        return runningPodsOf(job).stream().filter(pod -> index.equals(indexOf(pod))).findFirst();
    }

    @Test
    void anIndexedJobRunsOnePodPerIndexAndCompletesOnceEveryIndexSucceeded() {
        Job job = create("indexed", b -> b.editSpec().withCompletionMode("Indexed").withCompletions(3).withParallelism(2).endSpec());

        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 2);
        assertThat(runningPodsOf(job)).extracting(JobControllerTest::indexOf).containsExactlyInAnyOrder("0", "1");
        Pod one = runningPodOfIndex(job, "1").orElseThrow();
        assertThat(one.getMetadata().getName()).startsWith("indexed-1-");
        assertThat(one.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-completion-index", "1");
        assertThat(one.getSpec().getHostname()).isEqualTo("indexed-1");
        assertThat(one.getSpec().getContainers().get(0).getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });

        finish(one, "Succeeded");
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(current("indexed").getStatus().getCompletedIndexes()).isEqualTo("1");
            assertThat(current("indexed").getStatus().getSucceeded()).isEqualTo(1);
            assertThat(runningPodsOf(job)).extracting(JobControllerTest::indexOf).containsExactlyInAnyOrder("0", "2");
        });

        // a pod of a completed index that the job adopts is removed, not counted again
        Pod twin = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName("indexed-twin").withLabels(job.getSpec().getSelector().getMatchLabels())
                .addToAnnotations("batch.kubernetes.io/job-completion-index", "1").endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec()).build()).create();
        await().atMost(DEADLINE).until(() -> {
            Pod seen = client.pods().inNamespace(ns).withName(twin.getMetadata().getName()).get();
            return seen == null || seen.getMetadata().getDeletionTimestamp() != null;
        });

        finish(runningPodOfIndex(job, "2").orElseThrow(), "Succeeded");
        finish(runningPodOfIndex(job, "0").orElseThrow(), "Succeeded");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job done = current("indexed");
            assertThat(condition(done, "Complete")).isPresent();
            assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0-2");
            assertThat(done.getStatus().getSucceeded()).isEqualTo(3);
            assertThat(podsOf(job)).allSatisfy(pod -> assertThat(pod.getMetadata().getFinalizers()).doesNotContain("batch.kubernetes.io/job-tracking"));
        });
    }

    /** Ends the pod as Failed, its status (phase aside) as given in JSON. */
    private void fail(Pod pod, String status) {
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Failed\"," + status + "}}");
    }

    @Test
    void aPodFailurePolicyIgnoresSomeFailuresAndFailsTheJobAtOnceOnOthers() {
        Job job = create("policed", b -> b.editSpec().withBackoffLimit(6).withNewPodFailurePolicy()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName("main").withOperator("In").withValues(42).endOnExitCodes()
                .endRule()
                .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget").endOnPodCondition().endRule()
                .endPodFailurePolicy().endSpec());

        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 1);
        Pod disrupted = runningPodsOf(job).get(0);
        fail(disrupted, "\"conditions\":[{\"type\":\"DisruptionTarget\",\"status\":\"True\"}]");
        // an ignored failure is neither counted nor waited for: the replacement comes without the 10 s back-off
        await().atMost(Duration.ofSeconds(8)).until(() -> runningPodsOf(job).size() == 1
                && !runningPodsOf(job).get(0).getMetadata().getName().equals(disrupted.getMetadata().getName()));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.pods().inNamespace(ns).withName(disrupted.getMetadata().getName()).get()
                .getMetadata().getFinalizers()).as("released").doesNotContain("batch.kubernetes.io/job-tracking"));
        assertThat(current("policed").getStatus().getFailed()).isIn(null, 0);

        Pod crashed = runningPodsOf(job).get(0);
        fail(crashed, "\"containerStatuses\":[{\"name\":\"main\",\"image\":\"busybox\",\"imageID\":\"\",\"ready\":false,"
                + "\"restartCount\":0,\"state\":{\"terminated\":{\"exitCode\":42}}}]");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job failed = current("policed");
            assertThat(condition(failed, "Failed")).hasValueSatisfying(c -> {
                assertThat(c.getReason()).isEqualTo("PodFailurePolicy");
                assertThat(c.getMessage()).isEqualTo("Container main for pod " + ns + "/" + crashed.getMetadata().getName()
                        + " failed with exit code 42 matching FailJob rule at index 0");
            });
            assertThat(failed.getStatus().getFailed()).isEqualTo(1);
            assertThat(events("PodFailurePolicy", "policed")).hasSize(1);
        });
    }

    @Test
    void anIndexFailsAloneBeyondItsOwnLimitAndTooManyFailedIndexesFailTheJob() {
        Job job = create("per-index", b -> b.editSpec().withCompletionMode("Indexed").withCompletions(3).withParallelism(3)
                .withBackoffLimitPerIndex(1).withMaxFailedIndexes(1).withNewPodFailurePolicy()
                .addNewRule().withAction("FailIndex").withNewOnExitCodes().withOperator("In").withValues(7).endOnExitCodes().endRule()
                .endPodFailurePolicy().endSpec());
        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 3);
        assertThat(runningPodsOf(job)).allSatisfy(pod -> assertThat(pod.getMetadata().getAnnotations())
                .containsEntry("batch.kubernetes.io/job-index-failure-count", "0")
                .containsEntry("batch.kubernetes.io/job-index-ignored-failure-count", "0"));

        String exit7 = "\"containerStatuses\":[{\"name\":\"main\",\"image\":\"busybox\",\"imageID\":\"\",\"ready\":false,"
                + "\"restartCount\":0,\"state\":{\"terminated\":{\"exitCode\":7}}}]";
        fail(runningPodOfIndex(job, "0").orElseThrow(), exit7);
        Pod first = runningPodOfIndex(job, "1").orElseThrow();
        fail(first, "\"message\":\"plain failure\"");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job current = current("per-index");
            assertThat(current.getStatus().getFailedIndexes()).as("the policy fails index 0; index 1 is within its limit").isEqualTo("0");
            assertThat(current.getStatus().getFailed()).isEqualTo(2);
        });
        // index 1 is retried after its own back-off (10 s), its pod knowing the index failed once; index 0 never is
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> runningPodOfIndex(job, "1").isEmpty());
        await().atMost(DEADLINE).until(() -> runningPodOfIndex(job, "1").isPresent());
        Pod retry = runningPodOfIndex(job, "1").orElseThrow();
        assertThat(retry.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/job-index-failure-count", "1");
        assertThat(runningPodOfIndex(job, "0")).isEmpty();

        fail(retry, "\"message\":\"again\"");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job failed = current("per-index");
            assertThat(failed.getStatus().getFailedIndexes()).isEqualTo("0-1");
            assertThat(condition(failed, "FailureTarget")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("MaxFailedIndexesExceeded"));
            assertThat(runningPodsOf(job)).as("index 2's pod is stopped").isEmpty();
        });
    }

    @Test
    void aSuccessPolicyMetEndsAnIndexedJobAsSucceededAndStopsTheOtherPods() {
        Job job = create("leader", b -> b.editSpec().withCompletionMode("Indexed").withCompletions(3).withParallelism(3)
                .withNewSuccessPolicy().addNewRule().withSucceededIndexes("0").endRule().endSuccessPolicy().endSpec());
        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 3);

        finish(runningPodOfIndex(job, "0").orElseThrow(), "Succeeded");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job done = current("leader");
            assertThat(condition(done, "SuccessCriteriaMet")).hasValueSatisfying(c -> {
                assertThat(c.getReason()).isEqualTo("SuccessPolicy");
                assertThat(c.getMessage()).isEqualTo("Matched rules at index 0");
            });
            assertThat(condition(done, "Complete")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("SuccessPolicy"));
            assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0");
            assertThat(runningPodsOf(job)).isEmpty();
        });
    }

    @Test
    void anElasticIndexedJobShrinksToItsNewCompletions() {
        Job job = create("elastic", b -> b.editSpec().withCompletionMode("Indexed").withCompletions(4).withParallelism(4).endSpec());
        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 4);
        finish(runningPodOfIndex(job, "3").orElseThrow(), "Succeeded");
        await().atMost(DEADLINE).until(() -> "3".equals(current("elastic").getStatus().getCompletedIndexes()));

        client.batch().v1().jobs().inNamespace(ns).withName("elastic")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"completions\":2,\"parallelism\":2}}");
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(runningPodsOf(job)).extracting(JobControllerTest::indexOf).containsExactlyInAnyOrder("0", "1");
            assertThat(current("elastic").getStatus().getCompletedIndexes()).as("index 3 is beyond the job now").isEmpty();
            assertThat(current("elastic").getStatus().getSucceeded()).isZero();
        });
        finish(runningPodOfIndex(job, "0").orElseThrow(), "Succeeded");
        finish(runningPodOfIndex(job, "1").orElseThrow(), "Succeeded");
        await().atMost(DEADLINE).untilAsserted(() -> {
            Job done = current("elastic");
            assertThat(condition(done, "Complete")).isPresent();
            assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0-1");
            assertThat(done.getStatus().getSucceeded()).isEqualTo(2);
        });
    }

    @Test
    void failuresBeyondTheBackoffLimitFailTheJobAndItsTimeToLiveDeletesIt() {
        Job job = create("fails", b -> b.editSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(2).endSpec());

        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 1);
        finish(runningPodsOf(job).get(0), "Failed");

        await().atMost(DEADLINE).untilAsserted(() -> {
            Job failed = current("fails");
            assertThat(condition(failed, "Failed")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));
            assertThat(failed.getStatus().getFailed()).isEqualTo(1);
            assertThat(events("BackoffLimitExceeded", "fails")).hasSize(1);
        });
        assertThat(podsOf(job)).as("no replacement beyond the limit").hasSize(1);
        await("the finished job's time to live is over").atMost(DEADLINE).until(() -> current("fails") == null);
        await("its pod goes with it").atMost(DEADLINE).until(() -> podsOf(job).isEmpty());
    }

    @Test
    void aSuspendedJobRunsNoPodUntilResumedAndADeletedJobReleasesItsPods() {
        Job job = create("later", b -> b.editSpec().withSuspend(true).withParallelism(2).withCompletions(4).endSpec());

        await().atMost(DEADLINE).until(() -> condition(current("later"), "Suspended").isPresent());
        assertThat(podsOf(job)).isEmpty();

        client.batch().v1().jobs().inNamespace(ns).withName("later").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"suspend\":false}}");
        await().atMost(DEADLINE).until(() -> runningPodsOf(job).size() == 2);
        // the event is recorded after the pods are created
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(condition(current("later"), "Suspended")).isEmpty();
            assertThat(events("Resumed", "later")).hasSize(1);
        });

        client.batch().v1().jobs().inNamespace(ns).withName("later").delete();
        await("the pods, tracked by the job, are released and deleted with it").atMost(DEADLINE).until(() -> podsOf(job).isEmpty());
    }
}
