package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class JobPrinterTest {

    private static Job job(String spec, String status) {
        return yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, namespace: default, creationTimestamp: "2024-05-01T11:50:00Z"}
                spec:
                  %s
                  selector: {matchLabels: {batch.kubernetes.io/controller-uid: u1}}
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: pi, image: "perl:5.34"}]
                status: %s
                """.formatted(spec, status), Job.class);
    }

    @Test
    void columnsAreKubernetes() {
        assertThat(columns("Job")).containsExactly("Name", "Status", "Completions", "Duration", "Age",
                "Containers*", "Images*", "Selector*");
    }

    @Test
    void aRunningJobCountsItsSucceededPodsAgainstItsCompletionsAndItsDurationSoFar() {
        assertThat(cells("Job", job("completions: 3", "{succeeded: 1, startTime: \"2024-05-01T11:58:30Z\"}"))).containsExactly(
                "pi", "Running", "1/3", "90s", "10m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=u1");
    }

    @Test
    void aFinishedJobShowsItsConditionAndHowLongItTook() {
        assertThat(cells("Job", job("completions: 1", """
                {succeeded: 1, startTime: "2024-05-01T11:50:00Z", completionTime: "2024-05-01T11:50:42Z",
                 conditions: [{type: SuccessCriteriaMet, status: "True"}, {type: Complete, status: "True"}]}""")))
                .startsWith("pi", "Complete", "1/1", "42s");
        assertThat(cells("Job", job("completions: 1", "{failed: 7, conditions: [{type: Failed, status: \"True\"}]}")))
                .startsWith("pi", "Failed", "0/1", "");
        assertThat(cells("Job", job("completions: 1", "{conditions: [{type: Suspended, status: \"True\"}]}")))
                .startsWith("pi", "Suspended");
        assertThat(cells("Job", job("completions: 1", "{conditions: [{type: Suspended, status: \"False\"}]}")))
                .startsWith("pi", "Running");
    }

    @Test
    void aWorkQueueJobWithoutCompletionsCountsAgainstOne() {
        assertThat(cells("Job", job("parallelism: 4", "{succeeded: 2}"))).startsWith("pi", "Running", "2/1 of 4");
        assertThat(cells("Job", job("parallelism: 1", "{}"))).startsWith("pi", "Running", "0/1");
    }

    @Test
    void cronJobsShowTheirScheduleZoneSuspensionActiveJobsAndLastSchedule() {
        io.fabric8.kubernetes.api.model.batch.v1.CronJob cronJob = yaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, creationTimestamp: "2024-05-01T10:00:00Z"}
                spec:
                  schedule: "0 3 * * *"
                  timeZone: Europe/Paris
                  suspend: false
                  jobTemplate: {spec: {template: {spec: {containers: [{name: backup, image: "busybox:1"}]}}}}
                status:
                  lastScheduleTime: "2024-05-01T11:55:00Z"
                  active: [{kind: Job, name: nightly-28580000}]
                """, io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
        assertThat(columns("CronJob")).containsExactly("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age",
                "Containers*", "Images*", "Selector*");
        assertThat(cells("CronJob", cronJob)).containsExactly("nightly", "0 3 * * *", "Europe/Paris", "False", 1, "5m", "120m",
                "backup", "busybox:1", "<none>");
    }
}
