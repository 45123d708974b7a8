package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class JobSyncTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Job job(Consumer<JobBuilder> change) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName("pi").withNamespace("default").withUid("u1").endMetadata()
                .withNewSpec().withParallelism(2).withCompletions(3).withBackoffLimit(2).withSuspend(false)
                .withPodReplacementPolicy("TerminatingOrFailed")
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("pi").withImage("perl").endContainer()
                .endSpec().endTemplate().endSpec();
        change.accept(builder);
        return builder.build();
    }

    private static Pod pod(String name, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata().build();
    }

    private static JobSync.Pods pods(int active, int succeeded, int failed) {
        List<Pod> running = java.util.stream.IntStream.range(0, active).mapToObj(i -> pod("p" + i, "2026-11-27T11:0" + i + ":00Z")).toList();
        return new JobSync.Pods(running, List.of(), succeeded, failed, 0, null, Map.of());
    }

    private static JobSync.Plan plan(Job job, JobSync.Pods pods) {
        return JobSync.plan(job, job.getStatus() == null ? new JobStatus() : job.getStatus(), pods, NOW);
    }

    @Test
    void aNewJobStartsAndRunsParallelismPodsButNoMoreThanCompletionsLeft() {
        JobSync.Plan plan = plan(job(b -> { }), pods(0, 0, 0));
        assertThat(plan.create()).isEqualTo(2);
        assertThat(plan.status().getStartTime()).isEqualTo("2026-11-27T12:00:00Z");

        assertThat(plan(job(b -> { }), pods(1, 2, 0)).create()).as("one completion left, one pod runs").isZero();
        assertThat(plan(job(b -> { }), pods(0, 2, 0)).create()).isEqualTo(1);
        assertThat(plan(job(b -> b.editSpec().withParallelism(1).endSpec()), pods(2, 0, 0)).delete())
                .as("parallelism lowered: the youngest goes").extracting(p -> p.getMetadata().getName()).containsExactly("p1");
    }

    @Test
    void completionsReachedMeetTheCriteriaAtOnceAndCompleteOnceNoPodRuns() {
        JobSync.Plan meeting = plan(job(b -> b.editSpec().withParallelism(3).endSpec()), pods(1, 3, 0));
        assertThat(JobConditions.isTrue(meeting.status(), JobConditions.SUCCESS_CRITERIA_MET)).isTrue();
        assertThat(JobConditions.isTrue(meeting.status(), JobConditions.COMPLETE)).isFalse();
        assertThat(meeting.delete()).hasSize(1);

        JobSync.Plan complete = plan(job(b -> { }), pods(0, 3, 1));
        assertThat(JobConditions.isTrue(complete.status(), JobConditions.COMPLETE)).isTrue();
        assertThat(complete.status().getCompletionTime()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(complete.events()).containsExactly(new JobSync.JobEvent(false, "Completed", "Job completed"));
        assertThat(complete.create()).isZero();
    }

    @Test
    void anOutcomeOnceReachedHoldsWhileThePodsStop() {
        JobStatus met = plan(job(b -> b.editSpec().withParallelism(3).endSpec()), pods(2, 3, 0)).status();
        JobSync.Plan stopping = plan(job(b -> b.withStatus(met)), new JobSync.Pods(List.of(), List.of(pod("t0", null), pod("t1", null)), 3, 3, 0, NOW, Map.of()));
        assertThat(JobConditions.isTrue(stopping.status(), JobConditions.FAILURE_TARGET))
                .as("the pods deleted once the completions were reached count as failed, past the limit, yet it succeeds").isFalse();
        JobSync.Plan complete = plan(job(b -> b.withStatus(met)), new JobSync.Pods(List.of(), List.of(), 3, 3, 0, NOW, Map.of()));
        assertThat(JobConditions.isTrue(complete.status(), JobConditions.COMPLETE)).isTrue();

        JobStatus target = plan(job(b -> { }), pods(1, 0, 3)).status();
        JobSync.Plan failing = plan(job(b -> b.withStatus(target)), pods(0, 3, 0));
        assertThat(JobConditions.find(failing.status(), JobConditions.FAILED)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));
        assertThat(JobConditions.isTrue(failing.status(), JobConditions.COMPLETE)).isFalse();
    }

    @Test
    void withoutCompletionsOneSuccessEndsTheJobOnceTheOthersAreDone() {
        Job workQueue = job(b -> b.editSpec().withCompletions(null).withParallelism(3).endSpec());
        assertThat(plan(workQueue, pods(0, 0, 0)).create()).isEqualTo(3);
        JobSync.Plan draining = plan(workQueue, pods(2, 1, 0));
        assertThat(draining.create()).isZero();
        assertThat(draining.delete()).isEmpty();
        assertThat(JobConditions.isTrue(plan(workQueue, pods(0, 1, 0)).status(), JobConditions.COMPLETE)).isTrue();
    }

    @Test
    void failuresBeyondTheBackoffLimitFailTheJobOnceItsPodsStopped() {
        JobSync.Plan target = plan(job(b -> { }), pods(1, 0, 3));
        assertThat(JobConditions.find(target.status(), JobConditions.FAILURE_TARGET)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));
        assertThat(JobConditions.isTrue(target.status(), JobConditions.FAILED)).isFalse();
        assertThat(target.delete()).hasSize(1);

        JobSync.Plan failed = plan(job(b -> { }), pods(0, 0, 3));
        assertThat(JobConditions.find(failed.status(), JobConditions.FAILED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).isEqualTo("Job has reached the specified backoff limit");
        });
        assertThat(failed.events()).containsExactly(new JobSync.JobEvent(true, "BackoffLimitExceeded",
                "Job has reached the specified backoff limit"));
        assertThat(plan(job(b -> b.editSpec().withBackoffLimit(3).endSpec()), pods(0, 0, 3)).create())
                .as("within the limit the failed pod is replaced, once its back-off is over").isEqualTo(2);
    }

    @Test
    void onFailureContainerRestartsCountAsFailures() {
        Job onFailure = job(b -> b.editSpec().editTemplate().editSpec().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec());
        JobSync.Plan plan = plan(onFailure, new JobSync.Pods(List.of(pod("p0", "2026-11-27T11:00:00Z")), List.of(), 0, 0, 3, null, Map.of()));
        assertThat(JobConditions.isTrue(plan.status(), JobConditions.FAILURE_TARGET)).isTrue();
    }

    @Test
    void aFailedPodIsReplacedOnlyAfterItsBackOff() {
        Job job = job(b -> b.editSpec().withBackoffLimit(6).endSpec());
        JobSync.Plan waiting = plan(job, new JobSync.Pods(List.of(), List.of(), 0, 2, 0, NOW.minusSeconds(5), Map.of()));
        assertThat(waiting.create()).isZero();
        assertThat(waiting.recheck()).as("two failures: 20 s after the last").isEqualTo(Duration.ofSeconds(15));
        assertThat(plan(job, new JobSync.Pods(List.of(), List.of(), 0, 2, 0, NOW.minusSeconds(25), Map.of())).create()).isEqualTo(2);
        assertThat(JobSync.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(JobSync.backoff(30)).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void theActiveDeadlineFailsARunningJobAndIsWatchedFor() {
        Job started = job(b -> b.editSpec().withActiveDeadlineSeconds(60L).endSpec()
                .withStatus(new JobStatusBuilder().withStartTime("2026-11-27T11:59:30Z").build()));
        assertThat(plan(started, pods(2, 0, 0)).recheck()).isEqualTo(Duration.ofSeconds(30));
        Job late = job(b -> b.editSpec().withActiveDeadlineSeconds(60L).endSpec()
                .withStatus(new JobStatusBuilder().withStartTime("2026-11-27T11:58:00Z").build()));
        JobSync.Plan failed = plan(late, pods(0, 0, 0));
        assertThat(JobConditions.find(failed.status(), JobConditions.FAILED)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("DeadlineExceeded"));
    }

    @Test
    void aSuspendedJobRunsNothingAndResumesWithANewStartTime() {
        Job suspended = job(b -> b.editSpec().withSuspend(true).endSpec()
                .withStatus(new JobStatusBuilder().withStartTime("2026-11-27T11:00:00Z").build()));
        JobSync.Plan plan = plan(suspended, pods(2, 0, 0));
        assertThat(plan.delete()).hasSize(2);
        assertThat(plan.create()).isZero();
        assertThat(JobConditions.isTrue(plan.status(), JobConditions.SUSPENDED)).isTrue();

        Job resumed = job(b -> b.withStatus(plan.status()));
        JobSync.Plan resuming = plan(resumed, pods(0, 0, 0));
        assertThat(JobConditions.find(resuming.status(), JobConditions.SUSPENDED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("JobResumed");
        });
        assertThat(resuming.status().getStartTime()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(resuming.create()).isEqualTo(2);
    }

    @Test
    void aFinishedJobExpiresAfterItsTimeToLive() {
        JobStatus done = plan(job(b -> { }), pods(0, 3, 0)).status();
        Job finished = job(b -> b.editSpec().withTtlSecondsAfterFinished(100).endSpec().withStatus(done));
        JobSync.Plan soon = JobSync.plan(finished, done, pods(0, 3, 0), NOW.plusSeconds(40));
        assertThat(soon.expire()).isFalse();
        assertThat(soon.recheck()).isEqualTo(Duration.ofSeconds(60));
        assertThat(JobSync.plan(finished, done, pods(0, 3, 0), NOW.plusSeconds(100)).expire()).isTrue();
        assertThat(JobSync.plan(job(b -> b.withStatus(done)), done, pods(0, 3, 0), NOW.plusSeconds(1000)).expire())
                .as("without a time to live it stays").isFalse();
    }

    private static Pod indexed(String name, int index, String created) {
        Pod pod = pod(name, created);
        pod.getMetadata().setAnnotations(Map.of(CompletionIndex.KEY, Integer.toString(index)));
        return pod;
    }

    @Test
    void anIndexedJobRunsTheLowestIndexesLeftOnePodEach() {
        Job indexedJob = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(5).withParallelism(3).endSpec()
                .withStatus(new JobStatusBuilder().withCompletedIndexes("0,2").withSucceeded(2).build()));
        JobSync.Plan plan = plan(indexedJob, new JobSync.Pods(List.of(indexed("a", 1, "2026-11-27T11:00:00Z")), List.of(), 2, 0, 0, null, Map.of()));
        assertThat(plan.indexes()).as("0 and 2 completed, 1 runs").containsExactly(3, 4);
        assertThat(plan.create()).isEqualTo(2);

        JobSync.Plan surplus = plan(indexedJob, new JobSync.Pods(List.of(
                indexed("old", 1, "2026-11-27T11:00:00Z"), indexed("twin", 1, "2026-11-27T11:05:00Z"),
                indexed("done", 2, "2026-11-27T11:00:00Z"), indexed("beyond", 7, "2026-11-27T11:00:00Z"),
                pod("none", "2026-11-27T11:00:00Z")), List.of(), 2, 0, 0, null, Map.of()));
        assertThat(surplus.delete()).as("a second pod of an index, a pod of a completed index, one out of range, one without")
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("twin", "done", "beyond", "none");
        assertThat(surplus.indexes()).containsExactly(3, 4);
    }

    @Test
    void anIndexedJobCompletesOnceEveryIndexSucceeded() {
        Job indexedJob = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(3).endSpec()
                .withStatus(new JobStatusBuilder().withCompletedIndexes("0-2").withSucceeded(3).build()));
        JobSync.Plan plan = plan(indexedJob, new JobSync.Pods(List.of(), List.of(), 3, 1, 0, null, Map.of()));
        assertThat(JobConditions.isTrue(plan.status(), JobConditions.COMPLETE)).isTrue();
        assertThat(plan.create()).isZero();
    }

    @Test
    void anIndexedJobReplacingOnlyFailedPodsLeavesATerminatingPodsIndexAlone() {
        Job indexedJob = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(4).withParallelism(2)
                .withPodReplacementPolicy("Failed").endSpec());
        JobSync.Plan plan = plan(indexedJob, new JobSync.Pods(List.of(), List.of(indexed("stopping", 0, null)), 0, 0, 0, null, Map.of()));
        assertThat(plan.indexes()).as("one slot is the terminating pod's").containsExactly(1);
    }

    @Test
    void anIndexThatFailedIsNotRetriedAndEachIndexWaitsItsOwnBackOff() {
        Job perIndex = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(4).withParallelism(4).withBackoffLimitPerIndex(1).withBackoffLimit(Integer.MAX_VALUE)
                .endSpec().withStatus(new JobStatusBuilder().withFailedIndexes("0").withCompletedIndexes("3").withSucceeded(1).build()));
        JobSync.Plan plan = plan(perIndex, new JobSync.Pods(List.of(), List.of(), 1, 3, 0, NOW.minusSeconds(1),
                Map.of(1, NOW.plusSeconds(15), 2, NOW.minusSeconds(1))));
        assertThat(plan.indexes()).as("0 failed, 3 completed, 1 in its back-off; the job's own back-off does not hold 2").containsExactly(2);
        assertThat(plan.recheck()).isEqualTo(Duration.ofSeconds(15));
        assertThat(JobConditions.isTrue(plan.status(), JobConditions.FAILURE_TARGET)).isFalse();
    }

    @Test
    void aJobWithFailedIndexesFailsOnceAllAreDoneOrTooManyFailed() {
        Job allDone = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(3).withBackoffLimitPerIndex(1).endSpec()
                .withStatus(new JobStatusBuilder().withFailedIndexes("1").withCompletedIndexes("0,2").withSucceeded(2).build()));
        JobSync.Plan failed = plan(allDone, new JobSync.Pods(List.of(), List.of(), 2, 2, 0, null, Map.of()));
        assertThat(JobConditions.find(failed.status(), JobConditions.FAILED)).hasValueSatisfying(c -> {
            assertThat(c.getReason()).isEqualTo("FailedIndexes");
            assertThat(c.getMessage()).isEqualTo("Job has failed indexes");
        });

        Job tooMany = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(5).withParallelism(5).withBackoffLimitPerIndex(1).withBackoffLimit(Integer.MAX_VALUE)
                .withMaxFailedIndexes(1).endSpec().withStatus(new JobStatusBuilder().withFailedIndexes("1-2").build()));
        JobSync.Plan stopping = plan(tooMany, new JobSync.Pods(List.of(indexed("p0", 0, null)), List.of(), 0, 4, 0, null, Map.of()));
        assertThat(JobConditions.find(stopping.status(), JobConditions.FAILURE_TARGET)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("MaxFailedIndexesExceeded"));
        assertThat(stopping.delete()).extracting(p -> p.getMetadata().getName()).containsExactly("p0");
    }

    @Test
    void aSuccessPolicyRuleMetEndsTheJobAsSucceeded() {
        Job job = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(5).withParallelism(5).withNewSuccessPolicy()
                .addNewRule().withSucceededIndexes("0-2").withSucceededCount(3).endRule()
                .addNewRule().withSucceededIndexes("3-4").endRule()
                .endSuccessPolicy().endSpec());
        assertThat(JobSync.successRule(job.getSpec(), new JobStatusBuilder().withCompletedIndexes("0,2-3").build())).isEmpty();
        assertThat(JobSync.successRule(job.getSpec(), new JobStatusBuilder().withCompletedIndexes("0,2-4").build())).hasValue(1);
        assertThat(JobSync.successRule(job.getSpec(), new JobStatusBuilder().withCompletedIndexes("0-2").build())).hasValue(0);

        Job met = job(b -> b.editSpec().withCompletionMode("Indexed").withCompletions(5).withParallelism(5).withNewSuccessPolicy()
                .addNewRule().withSucceededCount(2).endRule().endSuccessPolicy().endSpec()
                .withStatus(new JobStatusBuilder().withCompletedIndexes("1,4").withSucceeded(2).build()));
        JobSync.Plan stopping = plan(met, new JobSync.Pods(List.of(indexed("p0", 0, null)), List.of(), 2, 0, 0, null, Map.of()));
        assertThat(JobConditions.find(stopping.status(), JobConditions.SUCCESS_CRITERIA_MET)).hasValueSatisfying(c -> {
            assertThat(c.getReason()).isEqualTo("SuccessPolicy");
            assertThat(c.getMessage()).isEqualTo("Matched rules at index 0");
        });
        assertThat(stopping.delete()).extracting(p -> p.getMetadata().getName()).containsExactly("p0");
        JobSync.Plan complete = plan(job(b -> b.withSpec(met.getSpec()).withStatus(stopping.status())),
                new JobSync.Pods(List.of(), List.of(), 2, 1, 0, null, Map.of()));
        assertThat(JobConditions.find(complete.status(), JobConditions.COMPLETE)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("SuccessPolicy"));
    }
}
