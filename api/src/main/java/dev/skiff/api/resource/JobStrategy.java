package dev.skiff.api.resource;

import dev.skiff.api.defaults.JobDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.JobValidation;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs (batch/v1). Unless {@code spec.manualSelector} is set, a new job's selector is generated as
 * Kubernetes generates it: its template is labelled with the job's name and uid (under both the
 * {@code batch.kubernetes.io/} names and the legacy ones), and the selector selects the uid, so a
 * job's pods are its own.
 */
public final class JobStrategy extends TypedStrategy<Job> {

    public JobStrategy() {
        super(Job.class);
    }

    @Override
    protected void initialize(Job job) {
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        job.setSpec(spec);
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            return;
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        if (spec.getTemplate().getMetadata() == null) {
            spec.getTemplate().setMetadata(new ObjectMeta());
        }
        Map<String, String> labels = spec.getTemplate().getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.getTemplate().getMetadata().getLabels());
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        labels.putIfAbsent("batch.kubernetes.io/job-name", name);
        labels.putIfAbsent("job-name", name);
        labels.putIfAbsent(JobValidation.CONTROLLER_UID_LABEL, uid);
        labels.putIfAbsent("controller-uid", uid);
        spec.getTemplate().getMetadata().setLabels(labels);
        LabelSelector selector = spec.getSelector() == null ? new LabelSelector() : spec.getSelector();
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(selector.getMatchLabels());
        matchLabels.putIfAbsent(JobValidation.CONTROLLER_UID_LABEL, uid);
        selector.setMatchLabels(matchLabels);
        spec.setSelector(selector);
    }

    @Override
    protected void defaults(Job job) {
        JobDefaults.apply(job);
    }

    @Override
    protected List<FieldError> validate(Job job) {
        return JobValidation.validate(job);
    }

    @Override
    protected List<FieldError> validateTransition(Job job, Job old) {
        return JobValidation.validateUpdate(job, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(Job job) {
        job.setStatus(null);
    }

    @Override
    protected Object spec(Job job) {
        return job.getSpec();
    }

    @Override
    protected void addSelectableFields(Job job, Map<String, String> fields) {
        Integer succeeded = job.getStatus() == null ? null : job.getStatus().getSucceeded();
        fields.put("status.successful", String.valueOf(succeeded == null ? 0 : succeeded));
    }
}
