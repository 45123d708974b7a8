package dev.skiff.api.resource;

import dev.skiff.api.defaults.CronJobDefaults;
import dev.skiff.api.validation.CronJobValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.util.List;

/** CronJobs (batch/v1); their jobs are made by the cronjob controller. */
public final class CronJobStrategy extends TypedStrategy<CronJob> {

    public CronJobStrategy() {
        super(CronJob.class);
    }

    @Override
    protected void defaults(CronJob cronJob) {
        CronJobDefaults.apply(cronJob);
    }

    @Override
    protected List<FieldError> validate(CronJob cronJob) {
        return CronJobValidation.validate(cronJob);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(CronJob cronJob) {
        cronJob.setStatus(null);
    }

    @Override
    protected Object spec(CronJob cronJob) {
        return cronJob.getSpec();
    }
}
