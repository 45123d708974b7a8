package dev.skiff.controllers.cronjob;

import dev.skiff.api.cron.CronSchedule;
import dev.skiff.controllers.replicaset.ControllerRefs;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pass of the cronjob controller does to a CronJob, decided from it, its jobs and the time
 * alone (no calls), as Kubernetes' cronjob controller: the active list follows the jobs (finished
 * ones leave it, {@code lastSuccessfulTime} follows the completed ones), finished jobs beyond the
 * history limits are deleted, and unless suspended the latest scheduled time not yet run starts a
 * job named {@code <cronjob>-<minutes since the epoch>} — within {@code startingDeadlineSeconds},
 * and as the concurrency policy allows (Forbid: not while one runs; Replace: the running ones are
 * deleted). The next scheduled time is when to look again.
 */
final class CronJobSync {

    /** Past this many missed start times the user is told (the latest is still run). */
    static final int MANY_MISSED = 100;
    /** Looked at again this long after the next scheduled time, so that it has come. */
    private static final Duration AFTER_SCHEDULE = Duration.ofMillis(100);
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /** An event to record about the CronJob. */
    record CronJobEvent(boolean warning, String reason, String message) {
    }

    /**
     * @param status  the status to write (the active list without the job to create, which the
     *                controller adds once created)
     * @param delete  jobs to delete: beyond the history limits, or replaced
     * @param create  the job to create, or null
     * @param recheck when to look again, or null (suspended, or a schedule that never fires)
     */
    record Plan(CronJobStatus status, List<Job> delete, Job create, List<CronJobEvent> events, Duration recheck) {
    }

    private CronJobSync() {
    }

    static Plan plan(CronJob cronJob, List<Job> owned, ZoneId defaultZone, Instant now) {
        CronJobStatus status = cronJob.getStatus() == null ? new CronJobStatus() : new CronJobStatusBuilder(cronJob.getStatus()).build();
        List<CronJobEvent> events = new ArrayList<>();
        Map<String, ObjectReference> active = new LinkedHashMap<>();
        Objects.requireNonNullElse(status.getActive(), List.<ObjectReference>of()).forEach(ref -> active.put(ref.getUid(), ref));
        for (Job job : owned) {
            Optional<String> finished = finishedAs(job);
            String uid = job.getMetadata().getUid();
            if (finished.isPresent()) {
                if (active.remove(uid) != null) {
                    events.add(new CronJobEvent(false, "SawCompletedJob", "Saw completed job: " + job.getMetadata().getName()
                            + ", condition: " + finished.get()));
                }
                if (finished.get().equals("Complete") && job.getStatus().getCompletionTime() != null
                        && (status.getLastSuccessfulTime() == null
                        || Instant.parse(job.getStatus().getCompletionTime()).isAfter(Instant.parse(status.getLastSuccessfulTime())))) {
                    status.setLastSuccessfulTime(job.getStatus().getCompletionTime());
                }
            } else {
                active.putIfAbsent(uid, reference(job));
            }
        }
        List<String> present = owned.stream().map(job -> job.getMetadata().getUid()).toList();
        for (ObjectReference ref : List.copyOf(active.values())) {
            if (!present.contains(ref.getUid())) {
                active.remove(ref.getUid());
                events.add(new CronJobEvent(false, "MissingJob", "Active job went missing: " + ref.getName()));
            }
        }
        List<Job> delete = new ArrayList<>(beyondHistory(owned, "Complete", cronJob.getSpec().getSuccessfulJobsHistoryLimit()));
        delete.addAll(beyondHistory(owned, "Failed", cronJob.getSpec().getFailedJobsHistoryLimit()));
        status.setActive(List.copyOf(active.values()));
        if (cronJob.getMetadata().getDeletionTimestamp() != null || Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
            return new Plan(status, delete, null, events, null);
        }

        ZoneId zone = cronJob.getSpec().getTimeZone() == null ? defaultZone : ZoneId.of(cronJob.getSpec().getTimeZone());
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(cronJob.getSpec().getSchedule());
        } catch (IllegalArgumentException e) {
            events.add(new CronJobEvent(true, "InvalidSchedule", "invalid schedule: " + cronJob.getSpec().getSchedule() + " : " + e.getMessage()));
            return new Plan(status, delete, null, events, null);
        }
        ZonedDateTime zonedNow = now.atZone(zone);
        ZonedDateTime next = schedule.next(zonedNow);
        Duration recheck = next == null ? null : Duration.between(now, next.toInstant()).plus(AFTER_SCHEDULE);
        Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
        Instant earliest = Instant.parse(status.getLastScheduleTime() != null ? status.getLastScheduleTime()
                : cronJob.getMetadata().getCreationTimestamp());
        if (deadline != null && earliest.isBefore(now.minusSeconds(deadline))) {
            // times missed by more than the deadline are not run
            earliest = now.minusSeconds(deadline);
        }
        Missed missed = missed(schedule, earliest.atZone(zone), zonedNow);
        if (missed.count() > MANY_MISSED) {
            events.add(new CronJobEvent(true, "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }
        if (missed.latest() == null) {
            return new Plan(status, delete, null, events, recheck);
        }
        ZonedDateTime scheduled = missed.latest();
        String name = cronJob.getMetadata().getName() + "-" + scheduled.toEpochSecond() / 60;
        if (owned.stream().anyMatch(job -> job.getMetadata().getName().equals(name))) {
            return new Plan(status, delete, null, events, recheck);
        }
        String policy = Objects.requireNonNullElse(cronJob.getSpec().getConcurrencyPolicy(), "Allow");
        if (policy.equals("Forbid") && !active.isEmpty()) {
            events.add(new CronJobEvent(false, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid"));
            return new Plan(status, delete, null, events, recheck);
        }
        if (policy.equals("Replace")) {
            for (Job job : owned) {
                if (active.remove(job.getMetadata().getUid()) != null) {
                    delete.add(job);
                }
            }
            status.setActive(List.copyOf(active.values()));
        }
        status.setLastScheduleTime(scheduled.toInstant().toString());
        return new Plan(status, delete, job(cronJob, name, scheduled), events, recheck);
    }

    /** How many scheduled times fell in (FROM, TO], and the latest of them. */
    private record Missed(int count, ZonedDateTime latest) {
    }

    /** The scheduled times after FROM up to TO: counted up to one past {@link #MANY_MISSED}, and the latest. */
    private static Missed missed(CronSchedule schedule, ZonedDateTime from, ZonedDateTime to) {
        int count = 0;
        ZonedDateTime latest = null;
        for (ZonedDateTime t = schedule.next(from); t != null && !t.isAfter(to); t = schedule.next(t)) {
            latest = t;
            if (++count > MANY_MISSED) {
                return new Missed(count, latestBefore(schedule, latest, to));
            }
        }
        return new Missed(count, latest);
    }

    /**
     * The latest scheduled time up to TO, KNOWN being one: sought in ever wider windows before TO, so
     * that a long-stopped controller does not walk every minute since.
     */
    private static ZonedDateTime latestBefore(CronSchedule schedule, ZonedDateTime known, ZonedDateTime to) {
        for (Duration window : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(366), Duration.ofDays(5 * 366))) {
            ZonedDateTime start = to.minus(window);
            ZonedDateTime latest = start.isAfter(known) ? null : known;
            for (ZonedDateTime t = schedule.next(latest == null ? start : known); t != null && !t.isAfter(to); t = schedule.next(t)) {
                latest = t;
            }
            if (latest != null) {
                return latest;
            }
        }
        return known;
    }

    /** The job for SCHEDULED: the template's metadata and spec, the scheduled time annotated, the CronJob its controller. */
    private static Job job(CronJob cronJob, String name, ZonedDateTime scheduled) {
        var template = cronJob.getSpec().getJobTemplate();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(template.getMetadata().getLabels());
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(template.getMetadata().getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, scheduled.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(cronJob.getMetadata().getNamespace())
                    .withLabels(labels.isEmpty() ? null : labels)
                    .withAnnotations(annotations)
                    .withOwnerReferences(ControllerRefs.controllerRef(cronJob))
                .endMetadata()
                .withSpec(new JobSpecBuilder(template.getSpec()).build())
                .build();
    }

    /** The finished jobs of one outcome beyond LIMIT, oldest first (by start, then name), to delete. */
    private static List<Job> beyondHistory(List<Job> owned, String outcome, Integer limit) {
        List<Job> finished = owned.stream().filter(job -> finishedAs(job).filter(outcome::equals).isPresent())
                .sorted(Comparator.comparing((Job job) -> job.getStatus().getStartTime(), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(job -> job.getMetadata().getName()))
                .toList();
        int keep = Objects.requireNonNullElse(limit, outcome.equals("Complete") ? 3 : 1);
        return finished.size() <= keep ? List.of() : finished.subList(0, finished.size() - keep);
    }

    /** Complete or Failed when the job has finished so. */
    static Optional<String> finishedAs(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())))
                .map(JobCondition::getType).findFirst();
    }

    /** The active list's reference to JOB. */
    static ObjectReference reference(Job job) {
        return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                .withNamespace(job.getMetadata().getNamespace()).withUid(job.getMetadata().getUid())
                .withResourceVersion(job.getMetadata().getResourceVersion()).build();
    }
}
