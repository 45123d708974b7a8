package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jobs (batch/v1), as Kubernetes' ValidateJob checks them. */
public final class JobValidation {

    /** The label a generated selector selects, holding the job's uid. */
    public static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

    /** Most completions and parallelism of an Indexed job, as Kubernetes. */
    private static final int MAX_INDEXED_COMPLETIONS = 100_000;

    private JobValidation() {
    }

    public static List<FieldError> validate(Job job) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(job.getMetadata(), true, NameRule.DNS1123_SUBDOMAIN));
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        errors.addAll(ReplicaTemplateValidation.validateSelected(spec.getSelector(), spec.getTemplate(), false));
        if (!Boolean.TRUE.equals(spec.getManualSelector()) && spec.getSelector() != null) {
            String uid = job.getMetadata() == null ? null : job.getMetadata().getUid();
            Map<String, String> matchLabels = spec.getSelector().getMatchLabels();
            if (uid != null && (matchLabels == null || !uid.equals(matchLabels.get(CONTROLLER_UID_LABEL)))) {
                errors.add(FieldError.invalid("spec.selector", spec.getSelector(), "`selector` not auto-generated"));
            }
        }
        errors.addAll(validateSpec(spec, "spec"));
        String name = job.getMetadata() == null ? null : job.getMetadata().getName();
        if (isIndexed(spec) && name != null && spec.getCompletions() != null && spec.getCompletions() > 0) {
            // the controller names each pod's host <job>-<index>
            String lastHostname = name + "-" + (spec.getCompletions() - 1);
            if (!NameValidation.dns1123Label(lastHostname).isEmpty()) {
                errors.add(FieldError.invalid("metadata.name", name, "will not able to create pod with invalid DNS label: " + lastHostname));
            }
        }
        return errors;
    }

    private static boolean isIndexed(JobSpec spec) {
        return "Indexed".equals(spec.getCompletionMode());
    }

    /**
     * The rules of a job's spec at PATH (a Job's {@code spec}, or a CronJob's
     * {@code spec.jobTemplate.spec}) but its selector: counts, restart policy, what is not supported.
     */
    static List<FieldError> validateSpec(JobSpec spec, String path) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(FieldValidation.nonNegative(spec.getParallelism(), path + ".parallelism"));
        errors.addAll(FieldValidation.nonNegative(spec.getCompletions(), path + ".completions"));
        errors.addAll(FieldValidation.nonNegative(spec.getActiveDeadlineSeconds(), path + ".activeDeadlineSeconds"));
        errors.addAll(FieldValidation.nonNegative(spec.getBackoffLimit(), path + ".backoffLimit"));
        errors.addAll(FieldValidation.nonNegative(spec.getTtlSecondsAfterFinished(), path + ".ttlSecondsAfterFinished"));
        PodTemplateSpec template = spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
        PodSpec podSpec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        if (!"OnFailure".equals(podSpec.getRestartPolicy()) && !"Never".equals(podSpec.getRestartPolicy())) {
            errors.add(FieldError.notSupported(path + ".template.spec.restartPolicy", podSpec.getRestartPolicy(), List.of("OnFailure", "Never")));
        }
        if (spec.getCompletionMode() != null) {
            errors.addAll(FieldValidation.oneOf(spec.getCompletionMode(), List.of("NonIndexed", "Indexed"), path + ".completionMode"));
        }
        if (isIndexed(spec)) {
            if (spec.getCompletions() == null) {
                errors.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
            }
            errors.addAll(atMostIndexed(spec.getCompletions(), path + ".completions"));
            errors.addAll(atMostIndexed(spec.getParallelism(), path + ".parallelism"));
        }
        if (spec.getPodReplacementPolicy() != null) {
            errors.addAll(FieldValidation.oneOf(spec.getPodReplacementPolicy(), List.of("TerminatingOrFailed", "Failed"),
                    path + ".podReplacementPolicy"));
        }
        errors.addAll(PodFailurePolicyValidation.validate(spec, podSpec, path));
        errors.addAll(SuccessPolicyValidation.validate(spec, path));
        errors.addAll(validatePerIndex(spec, path));
        return errors;
    }

    /** A backoff limit per index is for Indexed jobs; the most failed indexes needs one and at most completions. */
    private static List<FieldError> validatePerIndex(JobSpec spec, String path) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(FieldValidation.nonNegative(spec.getBackoffLimitPerIndex(), path + ".backoffLimitPerIndex"));
        errors.addAll(FieldValidation.nonNegative(spec.getMaxFailedIndexes(), path + ".maxFailedIndexes"));
        if (spec.getBackoffLimitPerIndex() != null && !isIndexed(spec)) {
            errors.add(FieldError.forbidden(path + ".backoffLimitPerIndex", "requires indexed completion mode"));
        }
        Integer maxFailed = spec.getMaxFailedIndexes();
        if (maxFailed != null) {
            if (spec.getBackoffLimitPerIndex() == null) {
                errors.add(FieldError.required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
            }
            if (spec.getCompletions() != null && maxFailed > spec.getCompletions()) {
                errors.add(FieldError.invalid(path + ".maxFailedIndexes", maxFailed, "must be less than or equal to completions"));
            }
            errors.addAll(atMostIndexed(maxFailed, path + ".maxFailedIndexes"));
        }
        return errors;
    }

    private static List<FieldError> atMostIndexed(Integer value, String path) {
        if (value != null && value > MAX_INDEXED_COMPLETIONS) {
            return List.of(FieldError.invalid(path, value, "must be less than or equal to " + MAX_INDEXED_COMPLETIONS
                    + " when completion mode is Indexed"));
        }
        return List.of();
    }

    /**
     * As {@link #validate}; the selector, the pod template and the completion mode may not change,
     * nor completions, but for an Indexed job together with parallelism (to the same value).
     */
    public static List<FieldError> validateUpdate(Job job, Job old) {
        List<FieldError> errors = validate(job);
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        JobSpec was = old.getSpec() == null ? new JobSpec() : old.getSpec();
        errors.addAll(FieldValidation.immutable(spec.getSelector(), was.getSelector(), "spec.selector"));
        errors.addAll(FieldValidation.immutable(spec.getTemplate(), was.getTemplate(), "spec.template"));
        if (!isIndexed(spec)) {
            errors.addAll(FieldValidation.immutable(spec.getCompletions(), was.getCompletions(), "spec.completions"));
        } else if (spec.getCompletions() != null && !spec.getCompletions().equals(was.getCompletions())
                && !spec.getCompletions().equals(spec.getParallelism())) {
            // an elastic Indexed job scales its completions and parallelism together
            errors.add(FieldError.invalid("spec.completions", spec.getCompletions(), "can only be modified in tandem with spec.parallelism"));
        }
        errors.addAll(FieldValidation.immutable(spec.getCompletionMode(), was.getCompletionMode(), "spec.completionMode"));
        return errors;
    }
}
