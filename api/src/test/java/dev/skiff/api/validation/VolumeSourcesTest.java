package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeSourcesTest {

    @Test
    void namesTheSourcesThatAreSetAndNothingElse() {
        assertThat(VolumeSources.of(new VolumeBuilder().withName("v").build())).isEmpty();
        assertThat(VolumeSources.of(new VolumeBuilder().withName("v").withNewEmptyDir().endEmptyDir().build()))
                .containsExactly("emptyDir");
        assertThat(VolumeSources.of(new VolumeBuilder().withName("v").withNewConfigMap().withName("cm").endConfigMap()
                .withNewHostPath().withPath("/tmp").endHostPath().build()))
                .containsExactlyInAnyOrder("configMap", "hostPath");
        assertThat(VolumeSources.of(new VolumeBuilder().withName("v").withNewPersistentVolumeClaim().withClaimName("c")
                .endPersistentVolumeClaim().build()))
                .containsExactly("persistentVolumeClaim");
    }

    @Test
    void fieldsUnknownToTheModelAreNoSource() {
        Volume volume = new VolumeBuilder().withName("v").build();
        volume.setAdditionalProperty("madeUp", "x");

        assertThat(VolumeSources.of(volume)).isEmpty();
    }
}
