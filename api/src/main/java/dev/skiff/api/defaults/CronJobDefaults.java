package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;

/**
 * Kubernetes' {@code SetDefaults_CronJob}: concurrent runs allowed, not suspended, 3 succeeded and 1
 * failed job kept; the job template's pod template gets the pod spec defaults (the job defaults are
 * the job's, when it is created).
 */
public final class CronJobDefaults {

    private CronJobDefaults() {
    }

    public static void apply(CronJob cronJob) {
        if (cronJob.getSpec() == null) {
            cronJob.setSpec(new CronJobSpec());
        }
        CronJobSpec spec = cronJob.getSpec();
        if (spec.getConcurrencyPolicy() == null) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        if (spec.getJobTemplate() == null) {
            spec.setJobTemplate(new JobTemplateSpec());
        }
        if (spec.getJobTemplate().getSpec() == null) {
            spec.getJobTemplate().setSpec(new JobSpec());
        }
        if (spec.getJobTemplate().getSpec().getTemplate() == null) {
            spec.getJobTemplate().getSpec().setTemplate(new PodTemplateSpec());
        }
        PodTemplateDefaults.apply(spec.getJobTemplate().getSpec().getTemplate());
    }
}
