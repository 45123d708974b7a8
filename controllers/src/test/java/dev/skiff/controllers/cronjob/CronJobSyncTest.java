package dev.skiff.controllers.cronjob;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class CronJobSyncTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOON = Instant.parse("2026-11-27T12:00:05Z");
    private static final long NOON_MINUTES = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() / 60;

    private static CronJob cronJob(String schedule, Consumer<CronJobBuilder> change) {
        CronJobBuilder builder = new CronJobBuilder().withNewMetadata().withName("tick").withNamespace("default").withUid("cj-uid")
                .withCreationTimestamp("2026-11-27T11:59:30Z").endMetadata()
                .withNewSpec().withSchedule(schedule).withConcurrencyPolicy("Allow").withSuspend(false)
                .withSuccessfulJobsHistoryLimit(3).withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewMetadata().addToLabels("app", "tick").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec();
        change.accept(builder);
        return builder.build();
    }

    private static Job job(String name, String outcome, String start) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name + "-uid").endMetadata()
                .withNewStatus().withStartTime(start).endStatus();
        if (outcome != null) {
            builder.editStatus().withCompletionTime("Complete".equals(outcome) ? start : null)
                    .withConditions(new JobConditionBuilder().withType(outcome).withStatus("True").build()).endStatus();
        }
        return builder.build();
    }

    private static CronJob withActive(CronJob cronJob, Job... jobs) {
        return new CronJobBuilder(cronJob).withStatus(new CronJobStatusBuilder().withActive(java.util.Arrays.stream(jobs)
                .map(job -> new ObjectReferenceBuilder().withKind("Job").withName(job.getMetadata().getName())
                        .withUid(job.getMetadata().getUid()).build()).toList()).build()).build();
    }

    @Test
    void aDueScheduleStartsItsJobNamedForTheMinuteAndLooksAgainAtTheNext() {
        CronJobSync.Plan plan = CronJobSync.plan(cronJob("* * * * *", b -> { }), List.of(), UTC, NOON);

        Job job = plan.create();
        assertThat(job.getMetadata().getName()).isEqualTo("tick-" + NOON_MINUTES);
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "tick");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp", "2026-11-27T12:00:00Z");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("CronJob");
            assertThat(ref.getController()).isTrue();
        });
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(plan.events()).as("the controller records the create once it is done").isEmpty();
        assertThat(plan.recheck()).isEqualTo(Duration.ofMillis(55_100));
    }

    @Test
    void nothingIsStartedBeforeTheFirstTimeOrTwiceForOneTime() {
        CronJob fresh = cronJob("* * * * *", b -> b.editMetadata().withCreationTimestamp("2026-11-27T12:00:01Z").endMetadata());
        assertThat(CronJobSync.plan(fresh, List.of(), UTC, NOON).create()).isNull();

        Job started = job("tick-" + NOON_MINUTES, null, "2026-11-27T12:00:01Z");
        CronJobSync.Plan plan = CronJobSync.plan(cronJob("* * * * *", b -> { }), List.of(started), UTC, NOON);
        assertThat(plan.create()).isNull();
        assertThat(plan.status().getActive()).as("a running job it owns is active").singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo("tick-" + NOON_MINUTES));
    }

    @Test
    void theConcurrencyPolicyForbidsOrReplacesARunningJob() {
        Job running = job("tick-1", null, "2026-11-27T11:00:00Z");
        CronJobSync.Plan forbidden = CronJobSync.plan(withActive(cronJob("* * * * *", b -> b.editSpec().withConcurrencyPolicy("Forbid").endSpec()),
                running), List.of(running), UTC, NOON);
        assertThat(forbidden.create()).isNull();
        assertThat(forbidden.events()).extracting(CronJobSync.CronJobEvent::reason).containsExactly("JobAlreadyActive");

        CronJobSync.Plan replaced = CronJobSync.plan(withActive(cronJob("* * * * *", b -> b.editSpec().withConcurrencyPolicy("Replace").endSpec()),
                running), List.of(running), UTC, NOON);
        assertThat(replaced.delete()).containsExactly(running);
        assertThat(replaced.create()).isNotNull();
        assertThat(replaced.status().getActive()).isEmpty();

        assertThat(CronJobSync.plan(withActive(cronJob("* * * * *", b -> { }), running), List.of(running), UTC, NOON).create())
                .as("Allow").isNotNull();
    }

    @Test
    void finishedJobsLeaveTheActiveListTheCompletedSetTheLastSuccessAndHistoryIsTrimmed() {
        Job done = job("tick-5", "Complete", "2026-11-27T11:55:00Z");
        List<Job> owned = List.of(done, job("tick-1", "Complete", "2026-11-27T11:51:00Z"), job("tick-2", "Complete", "2026-11-27T11:52:00Z"),
                job("tick-3", "Complete", "2026-11-27T11:53:00Z"), job("tick-4", "Failed", "2026-11-27T11:54:00Z"),
                job("tick-0", "Failed", "2026-11-27T11:50:00Z"));
        CronJob cronJob = withActive(cronJob("0 0 1 1 *", b -> { }), done);

        CronJobSync.Plan plan = CronJobSync.plan(cronJob, owned, UTC, NOON);

        assertThat(plan.status().getActive()).isEmpty();
        assertThat(plan.status().getLastSuccessfulTime()).isEqualTo("2026-11-27T11:55:00Z");
        assertThat(plan.events()).containsExactly(new CronJobSync.CronJobEvent(false, "SawCompletedJob",
                "Saw completed job: tick-5, condition: Complete"));
        assertThat(plan.delete()).extracting(job -> job.getMetadata().getName()).containsExactly("tick-1", "tick-0");
    }

    @Test
    void aSuspendedCronJobStartsNothingAndAMissingActiveJobIsForgotten() {
        Job gone = job("tick-9", null, "2026-11-27T11:00:00Z");
        CronJobSync.Plan plan = CronJobSync.plan(withActive(cronJob("* * * * *", b -> b.editSpec().withSuspend(true).endSpec()), gone),
                List.of(), UTC, NOON);
        assertThat(plan.create()).isNull();
        assertThat(plan.recheck()).isNull();
        assertThat(plan.status().getActive()).isEmpty();
        assertThat(plan.events()).containsExactly(new CronJobSync.CronJobEvent(false, "MissingJob", "Active job went missing: tick-9"));
    }

    @Test
    void missedTimesBeyondTheStartingDeadlineAreSkippedAndManyAreReported() {
        CronJob late = cronJob("0 * * * *", b -> b.editSpec().withStartingDeadlineSeconds(3L).endSpec());
        assertThat(CronJobSync.plan(late, List.of(), UTC, NOON).create()).as("12:00 was more than 3 s ago").isNull();

        CronJob longAgo = cronJob("* * * * *", b -> b.editMetadata().withCreationTimestamp("2026-11-27T09:00:00Z").endMetadata());
        CronJobSync.Plan plan = CronJobSync.plan(longAgo, List.of(), UTC, NOON);
        assertThat(plan.events()).extracting(CronJobSync.CronJobEvent::reason).contains("TooManyMissedTimes");
        assertThat(plan.create().getMetadata().getName()).as("only the latest is run").isEqualTo("tick-" + NOON_MINUTES);
    }

    @Test
    void theTimeZoneIsTheSchedules() {
        CronJob tokyo = cronJob("0 9 * * *", b -> b.editSpec().withTimeZone("Asia/Tokyo").endSpec()
                .editMetadata().withCreationTimestamp("2026-11-27T20:00:00Z").endMetadata());
        CronJobSync.Plan plan = CronJobSync.plan(tokyo, List.of(), UTC, Instant.parse("2026-11-28T00:00:30Z"));
        assertThat(plan.create().getMetadata().getAnnotations())
                .containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp", "2026-11-28T09:00:00+09:00");
        assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-11-28T00:00:00Z");
    }
}
