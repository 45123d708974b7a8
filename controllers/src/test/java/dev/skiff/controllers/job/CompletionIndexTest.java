package dev.skiff.controllers.job;

import dev.skiff.controllers.replicaset.PodFromTemplate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionIndexTest {

    private static Job job(String name) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("u1").endMetadata()
                .withNewSpec().withCompletionMode("Indexed").withCompletions(3).withNewTemplate()
                .withNewMetadata().addToLabels("app", "work").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .addNewContainer().withName("main").withImage("busybox").addNewEnv().withName("A").withValue("1").endEnv().endContainer()
                .addNewContainer().withName("side").withImage("busybox").addNewEnv().withName(CompletionIndex.ENV).withValue("mine").endEnv()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    @Test
    void aPodOfAnIndexCarriesItInItsMetadataHostnameNameAndEnvironment() {
        Job job = job("render");
        Pod pod = PodFromTemplate.newPod(job, job.getSpec().getTemplate());
        CompletionIndex.assign(pod, "render", 2);

        assertThat(pod.getMetadata().getAnnotations()).containsEntry(CompletionIndex.KEY, "2");
        assertThat(pod.getMetadata().getLabels()).containsEntry(CompletionIndex.KEY, "2").containsEntry("app", "work");
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("render-2-");
        assertThat(pod.getSpec().getHostname()).isEqualTo("render-2");
        EnvVar index = pod.getSpec().getContainers().get(0).getEnv().get(1);
        assertThat(index.getName()).isEqualTo(CompletionIndex.ENV);
        assertThat(index.getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(pod.getSpec().getInitContainers().get(0).getEnv()).extracting(EnvVar::getName).containsExactly(CompletionIndex.ENV);
        assertThat(pod.getSpec().getContainers().get(1).getEnv()).as("a container's own value stays")
                .extracting(EnvVar::getValue).containsExactly("mine");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).as("the template is left as it was").hasSize(1);
        assertThat(CompletionIndex.of(pod)).isEqualTo(2);
    }

    @Test
    void aLongJobNameIsCutSoTheGeneratedNameFits() {
        String name = "a".repeat(60);
        Pod pod = PodFromTemplate.newPod(job(name), job(name).getSpec().getTemplate());
        CompletionIndex.assign(pod, name, 12);
        assertThat(pod.getMetadata().getGenerateName()).hasSize(58).endsWith("a-12-");
    }

    @Test
    void theIndexIsReadFromTheAnnotationElseTheLabel() {
        assertThat(CompletionIndex.of(withMetadata(Map.of(CompletionIndex.KEY, "4"), Map.of(CompletionIndex.KEY, "5")))).isEqualTo(4);
        assertThat(CompletionIndex.of(withMetadata(null, Map.of(CompletionIndex.KEY, "5")))).isEqualTo(5);
        assertThat(CompletionIndex.of(withMetadata(Map.of(CompletionIndex.KEY, "x"), null))).isEqualTo(CompletionIndex.UNKNOWN);
        assertThat(CompletionIndex.of(withMetadata(Map.of(CompletionIndex.KEY, "-3"), null))).isEqualTo(CompletionIndex.UNKNOWN);
        assertThat(CompletionIndex.of(withMetadata(null, null))).isEqualTo(CompletionIndex.UNKNOWN);
    }

    private static Pod withMetadata(Map<String, String> annotations, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName("p").withAnnotations(annotations).withLabels(labels).endMetadata().build();
    }
}
