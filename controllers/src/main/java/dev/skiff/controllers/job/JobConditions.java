package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's conditions as Kubernetes 1.31+ writes them: SuccessCriteriaMet then Complete, FailureTarget
 * then Failed (the second of each once no pod of the job runs any more), and Suspended.
 */
final class JobConditions {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    static final String FAILURE_TARGET = "FailureTarget";
    static final String SUSPENDED = "Suspended";

    private JobConditions() {
    }

    /** Complete or Failed: nothing more is done for the job but releasing its pods and its time to live. */
    static boolean isFinished(Job job) {
        return isTrue(job.getStatus(), COMPLETE) || isTrue(job.getStatus(), FAILED);
    }

    static boolean isTrue(JobStatus status, String type) {
        return find(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<JobCondition> find(JobStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** When the job finished (its Complete or Failed condition became true), if it has. */
    static Optional<Instant> finishedAt(JobStatus status) {
        return find(status, COMPLETE).or(() -> find(status, FAILED))
                .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()));
    }

    /**
     * Sets the condition on STATUS; its transition time changes only with its status, as in
     * Kubernetes. True when anything changed.
     */
    static boolean set(JobStatus status, String type, boolean value, String reason, String message, Instant now) {
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String wanted = value ? "True" : "False";
        Optional<JobCondition> current = find(status, type);
        if (current.isPresent() && wanted.equals(current.get().getStatus()) && reason.equals(current.get().getReason())) {
            return false;
        }
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> type.equals(c.getType()));
        String since = current.isPresent() && wanted.equals(current.get().getStatus()) ? current.get().getLastTransitionTime() : stamp;
        conditions.add(new JobConditionBuilder().withType(type).withStatus(wanted).withReason(reason).withMessage(message)
                .withLastProbeTime(stamp).withLastTransitionTime(since).build());
        status.setConditions(conditions);
        return true;
    }
}
