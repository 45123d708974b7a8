package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' {@code SetDefaults_Job}: one pod to one completion unless told otherwise, a backoff
 * limit of 6 (unlimited with a limit per index), NonIndexed, not suspended, replacement once a pod is terminating or failed (only once
 * failed with a pod failure policy, whose condition patterns match status True unless told
 * otherwise); a job without labels takes its template's; the template gets the pod spec defaults.
 */
public final class JobDefaults {

    private JobDefaults() {
    }

    public static void apply(Job job) {
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            // with a limit per index the job's own limit is practically none
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() == null ? "TerminatingOrFailed" : "Failed");
        }
        if (spec.getPodFailurePolicy() != null && spec.getPodFailurePolicy().getRules() != null) {
            spec.getPodFailurePolicy().getRules().stream()
                    .flatMap(rule -> Objects.requireNonNullElse(rule.getOnPodConditions(), List.<PodFailurePolicyOnPodConditionsPattern>of()).stream())
                    .filter(pattern -> pattern.getStatus() == null || pattern.getStatus().isEmpty())
                    .forEach(pattern -> pattern.setStatus("True"));
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        Map<String, String> templateLabels = spec.getTemplate().getMetadata() == null ? null : spec.getTemplate().getMetadata().getLabels();
        if (job.getMetadata() == null) {
            job.setMetadata(new ObjectMeta());
        }
        if (templateLabels != null && (job.getMetadata().getLabels() == null || job.getMetadata().getLabels().isEmpty())) {
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
        PodTemplateDefaults.apply(spec.getTemplate());
    }
}
