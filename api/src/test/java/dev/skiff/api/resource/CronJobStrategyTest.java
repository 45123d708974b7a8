package dev.skiff.api.resource;

import dev.skiff.api.json.Json;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CronJobStrategyTest {

    private static final CronJobStrategy STRATEGY = new CronJobStrategy();
    private static final String TEMPLATE = "jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}";

    private static CronJob created(String name, String spec) {
        CronJob cronJob;
        try {
            cronJob = Json.YAML.readValue("metadata: {name: " + name + ", namespace: default}\nspec: " + spec, CronJob.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        cronJob.getMetadata().setUid("u1");
        STRATEGY.prepareForCreate(cronJob);
        STRATEGY.applyDefaults(cronJob);
        return cronJob;
    }

    private static List<String> errors(CronJob cronJob) {
        return STRATEGY.validateCreate(cronJob).stream().map(FieldError::toString).toList();
    }

    @Test
    void aCronJobIsDefaultedAsInKubernetesItsJobTemplateOnlyInItsPods() {
        CronJob cronJob = created("nightly", "{schedule: '@daily', " + TEMPLATE + "}");

        assertThat(errors(cronJob)).isEmpty();
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Allow");
        assertThat(cronJob.getSpec().getSuspend()).isFalse();
        assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).as("the job's own default, when it is made").isNull();
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
    }

    @Test
    void aScheduleTimeZoneOrTemplateThatCannotRunIsRefusedNamingTheField() {
        assertThat(errors(created("bad", "{schedule: '61 * * * *', " + TEMPLATE + "}"))).containsExactly(
                "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
        assertThat(errors(created("tz", "{schedule: 'CRON_TZ=UTC 0 * * * *', " + TEMPLATE + "}"))).containsExactly(
                "spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        assertThat(errors(created("zone", "{schedule: '0 * * * *', timeZone: Mars/Olympus, " + TEMPLATE + "}"))).containsExactly(
                "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
        assertThat(errors(created("policy", "{schedule: '0 * * * *', concurrencyPolicy: Sometimes, " + TEMPLATE + "}"))).containsExactly(
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"");
        assertThat(errors(created("always", "{schedule: '0 * * * *', jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: b}]}}}}}")))
                .containsExactly("spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: "
                        + "\"OnFailure\", \"Never\"");
        assertThat(errors(created("x".repeat(53), "{schedule: '0 * * * *', " + TEMPLATE + "}"))).containsExactly(
                "metadata.name: Invalid value: \"" + "x".repeat(53) + "\": must be no more than 52 characters");
        assertThat(errors(created("none", "{" + TEMPLATE + "}"))).containsExactly("spec.schedule: Required value");
    }
}
