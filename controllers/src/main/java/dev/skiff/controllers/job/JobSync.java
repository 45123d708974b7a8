package dev.skiff.controllers.job;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one pass of the job controller does to a job, decided from the job and its pods alone (no
 * calls): the status to write, how many pods to create, which to delete, the events to record, and
 * when to look again. Kubernetes' {@code syncJob} for NonIndexed jobs: a job fails once its pod
 * failures (for {@code OnFailure}, container restarts too) exceed {@code backoffLimit} or it ran
 * longer than {@code activeDeadlineSeconds}; it completes once {@code completions} pods succeeded
 * (without completions: once one did and none runs); a suspended job runs no pod; otherwise it runs
 * {@code parallelism} pods at most, and after a failure waits 10 s, doubling per failure up to 6 min,
 * before replacing a pod. An Indexed job completes once every index below its completions has a
 * succeeded pod; it runs one pod per index still to complete ({@link IndexedPods}). With a
 * {@code backoffLimitPerIndex} an index whose failures exceed it fails alone and is not retried
 * (each index has its own back-off); the job fails once more than {@code maxFailedIndexes} indexes
 * failed, or once every index is done and one of them failed. An Indexed job with a
 * {@code successPolicy} succeeds as soon as one of its rules holds.
 */
final class JobSync {

    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_FAILURE_BACKOFF = Duration.ofMinutes(6);

    /** An event to record about the job. */
    record JobEvent(boolean warning, String reason, String message) {
    }

    /**
     * @param status  the status to write (equal to the job's when nothing changed)
     * @param create  pods to create
     * @param indexes the completion index of each pod to create, for an Indexed job; empty otherwise
     * @param delete  pods to delete
     * @param recheck when to look at the job again though nothing changes, or null
     * @param expire  whether the finished job's time to live is over (it is to be deleted)
     */
    record Plan(JobStatus status, int create, List<Integer> indexes, List<Pod> delete, List<JobEvent> events, Duration recheck, boolean expire) {
    }

    /**
     * The counts of a job's pods as the controller sees them now.
     *
     * @param active      pods neither finished nor being deleted
     * @param terminating pods being deleted that have not finished
     * @param succeeded   pods that succeeded, counted or about to be
     * @param failed      pods that failed, counted or about to be
     * @param restarts    container restarts of the active pods
     * @param lastFailure when the latest failed pod ended, or null
     * @param retryAt     for a job with a backoff limit per index: when each index that failed may run again
     */
    record Pods(List<Pod> active, List<Pod> terminating, int succeeded, int failed, int restarts, Instant lastFailure,
                Map<Integer, Instant> retryAt) {
    }

    private JobSync() {
    }

    static Plan plan(Job job, JobStatus counted, Pods pods, Instant now) {
        JobSpec spec = job.getSpec();
        JobStatus status = new JobStatusBuilder(counted).build();
        List<JobEvent> events = new ArrayList<>();
        status.setActive(pods.active().size());
        status.setReady((int) pods.active().stream().filter(PodAvailability::isReady).count());
        status.setTerminating(pods.terminating().size());
        if (JobConditions.isFinished(job)) {
            return finished(job, status, pods, now);
        }
        boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
        int failures = pods.failed() + ("OnFailure".equals(spec.getTemplate().getSpec().getRestartPolicy()) ? pods.restarts() : 0);
        Duration recheck = null;
        String failReason = null;
        String failMessage = null;
        Optional<JobCondition> target = JobConditions.find(status, JobConditions.FAILURE_TARGET).filter(c -> "True".equals(c.getStatus()));
        boolean succeeding = JobConditions.isTrue(status, JobConditions.SUCCESS_CRITERIA_MET);
        CompletionIndexes failedIndexes = isIndexed(spec) && spec.getBackoffLimitPerIndex() != null
                ? CompletionIndexes.parse(status.getFailedIndexes(), spec.getCompletions()) : null;
        if (target.isPresent()) {
            // decided on an earlier pass: the pods being stopped since must not change the outcome
            failReason = target.get().getReason();
            failMessage = target.get().getMessage();
        } else if (!succeeding && failedIndexes != null && spec.getMaxFailedIndexes() != null
                && failedIndexes.size() > spec.getMaxFailedIndexes()) {
            failReason = "MaxFailedIndexesExceeded";
            failMessage = "Job has exceeded the specified maximal number of failed indexes";
        } else if (!succeeding && failedIndexes != null && failedIndexes.size() > 0
                && pods.succeeded() + failedIndexes.size() >= spec.getCompletions()) {
            failReason = "FailedIndexes";
            failMessage = "Job has failed indexes";
        } else if (!succeeding && failures > Objects.requireNonNullElse(spec.getBackoffLimit(), 6)) {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        } else if (!succeeding && spec.getActiveDeadlineSeconds() != null && status.getStartTime() != null && !suspended) {
            Instant deadline = Instant.parse(status.getStartTime()).plusSeconds(spec.getActiveDeadlineSeconds());
            if (now.isBefore(deadline)) {
                recheck = Duration.between(now, deadline);
            } else {
                failReason = "DeadlineExceeded";
                failMessage = "Job was active longer than specified deadline";
            }
        }
        boolean allStopped = pods.active().isEmpty() && pods.terminating().isEmpty();
        if (failReason != null) {
            JobConditions.set(status, JobConditions.FAILURE_TARGET, true, failReason, failMessage, now);
            if (allStopped && JobConditions.set(status, JobConditions.FAILED, true, failReason, failMessage, now)) {
                events.add(new JobEvent(true, failReason, failMessage));
            }
            return new Plan(status, 0, List.of(), pods.active(), events, null, false);
        }
        Integer completions = spec.getCompletions();
        Optional<JobCondition> criteria = JobConditions.find(status, JobConditions.SUCCESS_CRITERIA_MET).filter(c -> "True".equals(c.getStatus()));
        OptionalInt rule = successRule(spec, status);
        String successReason = null;
        String successMessage = null;
        if (criteria.isPresent()) {
            successReason = criteria.get().getReason();
            successMessage = criteria.get().getMessage();
        } else if (rule.isPresent()) {
            successReason = "SuccessPolicy";
            successMessage = "Matched rules at index " + rule.getAsInt();
        } else if (completions != null ? pods.succeeded() >= completions : pods.succeeded() > 0 && pods.active().isEmpty()) {
            successReason = "CompletionsReached";
            successMessage = "Reached expected number of succeeded pods";
        }
        if (successReason != null) {
            JobConditions.set(status, JobConditions.SUCCESS_CRITERIA_MET, true, successReason, successMessage, now);
            if (allStopped && JobConditions.set(status, JobConditions.COMPLETE, true, successReason, successMessage, now)) {
                status.setCompletionTime(stamp(now));
                events.add(new JobEvent(false, "Completed", "Job completed"));
            }
            return new Plan(status, 0, List.of(), pods.active(), events, null, false);
        }
        if (suspended) {
            if (JobConditions.set(status, JobConditions.SUSPENDED, true, "JobSuspended", "Job suspended", now)) {
                events.add(new JobEvent(false, "Suspended", "Job suspended"));
            }
            return new Plan(status, 0, List.of(), pods.active(), events, null, false);
        }
        if (JobConditions.isTrue(status, JobConditions.SUSPENDED)) {
            JobConditions.set(status, JobConditions.SUSPENDED, false, "JobResumed", "Job resumed", now);
            events.add(new JobEvent(false, "Resumed", "Job resumed"));
            status.setStartTime(null);
        }
        if (status.getStartTime() == null) {
            status.setStartTime(stamp(now));
            if (spec.getActiveDeadlineSeconds() != null) {
                recheck = Duration.ofSeconds(spec.getActiveDeadlineSeconds());
            }
        }
        int parallelism = Objects.requireNonNullElse(spec.getParallelism(), 1);
        boolean onlyFailed = "Failed".equals(spec.getPodReplacementPolicy());
        List<Pod> active = pods.active();
        List<Pod> delete = new ArrayList<>();
        CompletionIndexes closed = null;
        if (isIndexed(spec)) {
            CompletionIndexes completed = CompletionIndexes.parse(status.getCompletedIndexes(), completions);
            closed = failedIndexes == null ? completed : completed.with(failedIndexes);
            IndexedPods.Split split = IndexedPods.split(active, closed, completions);
            active = split.kept();
            delete.addAll(split.surplus());
        }
        int wanted = completions == null
                ? (pods.succeeded() > 0 ? active.size() : parallelism)
                : Math.min(parallelism, completions - (closed == null ? pods.succeeded() : closed.size()));
        if (onlyFailed) {
            wanted -= pods.terminating().size();
        }
        int diff = Math.max(0, wanted) - active.size();
        if (diff < 0) {
            delete.addAll(firstToDelete(active, -diff));
            return new Plan(status, 0, List.of(), delete, events, recheck, false);
        }
        if (diff > 0 && failedIndexes == null && pods.lastFailure() != null && pods.failed() > 0) {
            Instant retryAt = pods.lastFailure().plus(backoff(pods.failed()));
            if (now.isBefore(retryAt)) {
                return new Plan(status, 0, List.of(), delete, events, earlier(recheck, Duration.between(now, retryAt)), false);
            }
        }
        if (closed == null) {
            return new Plan(status, diff, List.of(), delete, events, recheck, false);
        }
        List<Pod> taken = new ArrayList<>(active);
        if (onlyFailed) {
            taken.addAll(pods.terminating());
        }
        IndexedPods.Pending pending = IndexedPods.pending(diff, closed, taken, completions, pods.retryAt(), now);
        if (pending.nextRetry() != null) {
            recheck = earlier(recheck, Duration.between(now, pending.nextRetry()));
        }
        return new Plan(status, pending.indexes().size(), pending.indexes(), delete, events, recheck, false);
    }

    /**
     * The first rule of an Indexed job's success policy that its completed indexes meet: all of its
     * {@code succeededIndexes}, or {@code succeededCount} of them (of all indexes without a list).
     */
    static OptionalInt successRule(JobSpec spec, JobStatus status) {
        if (!isIndexed(spec) || spec.getSuccessPolicy() == null || spec.getSuccessPolicy().getRules() == null) {
            return OptionalInt.empty();
        }
        CompletionIndexes completed = CompletionIndexes.parse(status.getCompletedIndexes(), spec.getCompletions());
        List<SuccessPolicyRule> rules = spec.getSuccessPolicy().getRules();
        for (int index = 0; index < rules.size(); index++) {
            SuccessPolicyRule rule = rules.get(index);
            int needed;
            int have;
            if (rule.getSucceededIndexes() != null) {
                CompletionIndexes listed = CompletionIndexes.parse(rule.getSucceededIndexes(), spec.getCompletions());
                needed = rule.getSucceededCount() != null ? rule.getSucceededCount() : listed.size();
                have = completed.countOf(listed);
            } else if (rule.getSucceededCount() != null) {
                needed = rule.getSucceededCount();
                have = completed.size();
            } else {
                continue;
            }
            if (have >= needed) {
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }

    static boolean isIndexed(JobSpec spec) {
        return "Indexed".equals(spec.getCompletionMode()) && spec.getCompletions() != null;
    }

    /** A finished job runs nothing; once its time to live is over it is to be deleted. */
    private static Plan finished(Job job, JobStatus status, Pods pods, Instant now) {
        Long ttl = job.getSpec().getTtlSecondsAfterFinished() == null ? null : job.getSpec().getTtlSecondsAfterFinished().longValue();
        Instant finishedAt = JobConditions.finishedAt(status).orElse(null);
        if (ttl == null || finishedAt == null) {
            return new Plan(status, 0, List.of(), pods.active(), List.of(), null, false);
        }
        Instant expiry = finishedAt.plusSeconds(ttl);
        boolean expired = !now.isBefore(expiry);
        return new Plan(status, 0, List.of(), pods.active(), List.of(), expired ? null : Duration.between(now, expiry), expired);
    }

    /** 10 s for the first failure, doubling with each further one, at most 6 min. */
    static Duration backoff(int failures) {
        int doublings = Math.min(Math.max(0, failures - 1), 10);
        Duration delay = FAILURE_BACKOFF.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_FAILURE_BACKOFF) > 0 ? MAX_FAILURE_BACKOFF : delay;
    }

    /** Not-ready pods first, then the youngest, as Kubernetes picks pods to remove when parallelism falls. */
    private static List<Pod> firstToDelete(List<Pod> active, int count) {
        return active.stream()
                .sorted(Comparator.comparing(PodAvailability::isReady)
                        .thenComparing(pod -> pod.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.reverseOrder())))
                .limit(count).toList();
    }

    private static Duration earlier(Duration a, Duration b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    private static String stamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
