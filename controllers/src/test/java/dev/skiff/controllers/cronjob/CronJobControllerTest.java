package dev.skiff.controllers.cronjob;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CronJob controller with the job controller in the manager, against a real api-server; the
 * test plays the kubelet. An every-minute schedule: its first job comes at the next minute.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(150)
class CronJobControllerTest {

    private static final Duration NEXT_MINUTE = Duration.ofSeconds(75);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private KubernetesClient client;
    private TestNamespace namespace;
    private String ns;

    @BeforeEach
    void connect() {
        namespace = TestNamespace.open("cronjob-test");
        client = namespace.client();
        ns = namespace.name();
    }

    @AfterEach
    void clean() {
        namespace.close();
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && "every-minute".equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void itsScheduleStartsAJobWhoseEndItNotices() {
        CronJob cronJob = client.resource(new CronJobBuilder().withNewMetadata().withName("every-minute").withNamespace(ns).endMetadata()
                .withNewSpec().withSchedule("* * * * *").withConcurrencyPolicy("Forbid")
                .withNewJobTemplate().withNewMetadata().addToLabels("app", "tick").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox").endContainer().endSpec().endTemplate().endSpec()
                .endJobTemplate().endSpec().build()).create();

        await().atMost(NEXT_MINUTE).until(() -> !client.batch().v1().jobs().inNamespace(ns).list().getItems().isEmpty());
        Job job = client.batch().v1().jobs().inNamespace(ns).list().getItems().get(0);
        String scheduled = job.getMetadata().getAnnotations().get("batch.kubernetes.io/cronjob-scheduled-timestamp");
        assertThat(job.getMetadata().getName()).isEqualTo("every-minute-" + Instant.parse(scheduled).getEpochSecond() / 60);
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "tick");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(cronJob.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        await().atMost(DEADLINE).untilAsserted(() -> {
            CronJob current = client.batch().v1().cronjobs().inNamespace(ns).withName("every-minute").get();
            // the job can be seen before the status naming it is written
            assertThat(current.getStatus()).as("the CronJob's status").isNotNull();
            assertThat(current.getStatus().getActive()).singleElement().satisfies(ref -> assertThat(ref.getName()).isEqualTo(job.getMetadata().getName()));
            assertThat(Instant.parse(current.getStatus().getLastScheduleTime())).isEqualTo(Instant.parse(scheduled));
            assertThat(events("SuccessfulCreate")).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .isEqualTo("Created job " + job.getMetadata().getName()));
        });

        // the job controller runs its pod; the test, as kubelet, lets it succeed
        await().atMost(DEADLINE).until(() -> podOf(job) != null);
        client.pods().inNamespace(ns).withName(podOf(job).getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Succeeded\"}}");

        await().atMost(DEADLINE).untilAsserted(() -> {
            CronJob current = client.batch().v1().cronjobs().inNamespace(ns).withName("every-minute").get();
            assertThat(current.getStatus().getActive()).isNullOrEmpty();
            assertThat(current.getStatus().getLastSuccessfulTime()).isNotNull();
            assertThat(events("SawCompletedJob")).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .isEqualTo("Saw completed job: " + job.getMetadata().getName() + ", condition: Complete"));
        });
    }

    private Pod podOf(Job job) {
        return client.pods().inNamespace(ns).withLabel("job-name", job.getMetadata().getName()).list().getItems().stream()
                .findFirst().orElse(null);
    }
}
