package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.CoreSchemas.POD_TEMPLATE_SPEC;
import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.MetaSchemas.LABEL_SELECTOR;
import static dev.skiff.api.protobuf.MetaSchemas.OBJECT_META;
import static dev.skiff.api.protobuf.ZeroValue.KEEP;

/** Schemas of k8s.io/api/batch/v1 messages: Job and CronJob, as {@code kubectl create job|cronjob} send them. */
final class BatchSchemas {

    static final MessageSchema JOB_SPEC = builder("JobSpec")
            .int32(1, "parallelism", KEEP)
            .int32(2, "completions", KEEP)
            .int64(3, "activeDeadlineSeconds", KEEP)
            .int32(7, "backoffLimit", KEEP)
            .message(4, "selector", LABEL_SELECTOR)
            .bool(5, "manualSelector", KEEP)
            .message(6, "template", POD_TEMPLATE_SPEC)
            .int32(8, "ttlSecondsAfterFinished", KEEP)
            .string(9, "completionMode", KEEP)
            .bool(10, "suspend", KEEP)
            .build();

    /** The counters of JobStatus; its times and conditions are the controller's and are skipped. */
    static final MessageSchema JOB_STATUS = builder("JobStatus")
            .int32(4, "active")
            .int32(5, "succeeded")
            .int32(6, "failed")
            .build();

    static final MessageSchema JOB = builder("Job")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", JOB_SPEC)
            .message(3, "status", JOB_STATUS)
            .build();

    static final MessageSchema JOB_TEMPLATE_SPEC = builder("JobTemplateSpec")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", JOB_SPEC)
            .build();

    static final MessageSchema CRON_JOB_SPEC = builder("CronJobSpec")
            .string(1, "schedule", KEEP)
            .string(8, "timeZone", KEEP)
            .int64(2, "startingDeadlineSeconds", KEEP)
            .string(3, "concurrencyPolicy")
            .bool(4, "suspend", KEEP)
            .message(5, "jobTemplate", JOB_TEMPLATE_SPEC)
            .int32(6, "successfulJobsHistoryLimit", KEEP)
            .int32(7, "failedJobsHistoryLimit", KEEP)
            .build();

    /** A CronJob's status is its controller's and is skipped. */
    static final MessageSchema CRON_JOB = builder("CronJob")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", CRON_JOB_SPEC)
            .build();

    private BatchSchemas() {
    }
}
