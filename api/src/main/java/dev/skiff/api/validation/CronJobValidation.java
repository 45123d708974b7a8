package dev.skiff.api.validation;

import dev.skiff.api.cron.CronSchedule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * CronJobs (batch/v1), as Kubernetes' ValidateCronJob checks them: a name short enough for its
 * jobs' names (52 characters: a job adds {@code -} and up to 10 digits), a parseable schedule
 * without a time zone in it, a known {@code timeZone}, and a job template its jobs could be made of.
 */
public final class CronJobValidation {

    private static final int MAX_NAME_LENGTH = 52;

    private CronJobValidation() {
    }

    public static List<FieldError> validate(CronJob cronJob) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(cronJob.getMetadata(), true, NameRule.DNS1123_SUBDOMAIN));
        String name = cronJob.getMetadata() == null ? null : cronJob.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            errors.add(FieldError.invalid("metadata.name", name, "must be no more than " + MAX_NAME_LENGTH + " characters"));
        }
        CronJobSpec spec = cronJob.getSpec() == null ? new CronJobSpec() : cronJob.getSpec();
        errors.addAll(validateSchedule(spec.getSchedule()));
        if (spec.getTimeZone() != null) {
            try {
                ZoneId.of(spec.getTimeZone());
            } catch (DateTimeException e) {
                errors.add(FieldError.invalid("spec.timeZone", spec.getTimeZone(), "unknown time zone " + spec.getTimeZone()));
            }
        }
        errors.addAll(FieldValidation.oneOf(spec.getConcurrencyPolicy(), List.of("Allow", "Forbid", "Replace"), "spec.concurrencyPolicy"));
        errors.addAll(FieldValidation.nonNegative(spec.getStartingDeadlineSeconds(), "spec.startingDeadlineSeconds"));
        errors.addAll(FieldValidation.nonNegative(spec.getSuccessfulJobsHistoryLimit(), "spec.successfulJobsHistoryLimit"));
        errors.addAll(FieldValidation.nonNegative(spec.getFailedJobsHistoryLimit(), "spec.failedJobsHistoryLimit"));
        JobTemplateSpec template = spec.getJobTemplate() == null ? new JobTemplateSpec() : spec.getJobTemplate();
        JobSpec jobSpec = template.getSpec() == null ? new JobSpec() : template.getSpec();
        if (template.getMetadata() != null) {
            errors.addAll(LabelValidation.validateLabels(template.getMetadata().getLabels(), "spec.jobTemplate.metadata.labels"));
            errors.addAll(ObjectMetaValidation.validateAnnotations(template.getMetadata().getAnnotations(), "spec.jobTemplate.metadata.annotations"));
        }
        errors.addAll(PodTemplateValidation.validate(jobSpec.getTemplate() == null ? new PodTemplateSpec() : jobSpec.getTemplate(),
                "spec.jobTemplate.spec.template"));
        errors.addAll(JobValidation.validateSpec(jobSpec, "spec.jobTemplate.spec"));
        return errors;
    }

    private static List<FieldError> validateSchedule(String schedule) {
        if (schedule == null || schedule.isEmpty()) {
            return List.of(FieldError.required("spec.schedule", ""));
        }
        if (schedule.contains("TZ")) {
            return List.of(FieldError.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        try {
            CronSchedule.parse(schedule);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(FieldError.invalid("spec.schedule", schedule, e.getMessage()));
        }
    }
}
