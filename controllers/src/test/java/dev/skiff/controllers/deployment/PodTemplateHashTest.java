package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodTemplateHashTest {

    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").addToLabels("tier", "front").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void theSameTemplateGivesTheSameShortSafeHash() {
        String hash = PodTemplateHash.compute(template("nginx:1"), null);
        PodTemplateSpec sameLabelsOtherOrder = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("tier", "front")
                .addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withImage("nginx:1").withName("web").endContainer().endSpec().build();

        assertThat(hash).isEqualTo(PodTemplateHash.compute(template("nginx:1"), null))
                .isEqualTo(PodTemplateHash.compute(sameLabelsOtherOrder, null))
                .matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    }

    @Test
    void anotherTemplateOrCollisionCountGivesAnotherHash() {
        String hash = PodTemplateHash.compute(template("nginx:1"), null);

        assertThat(PodTemplateHash.compute(template("nginx:2"), null)).isNotEqualTo(hash);
        assertThat(PodTemplateHash.compute(template("nginx:1"), 1)).isNotEqualTo(hash)
                .isNotEqualTo(PodTemplateHash.compute(template("nginx:1"), 2));
    }

    @Test
    void safeEncodingMapsEachDigitAsKubernetesDoes() {
        // '0' is 48: 48 % 27 = 21 -> '4'; '9' is 57: 57 % 27 = 3 -> 'f'
        assertThat(PodTemplateHash.safeEncode("09")).isEqualTo("4f");
    }

    @Test
    void equalityIgnoresOnlyTheHashLabel() {
        PodTemplateSpec withHash = new PodTemplateSpecBuilder(template("nginx:1")).editMetadata()
                .addToLabels(PodTemplateHash.LABEL, "abc").endMetadata().build();

        assertThat(PodTemplateHash.equalIgnoringHash(withHash, template("nginx:1"))).isTrue();
        assertThat(PodTemplateHash.equalIgnoringHash(withHash, template("nginx:2"))).isFalse();
        assertThat(withHash.getMetadata().getLabels()).containsKey(PodTemplateHash.LABEL);
    }

    @Test
    void canonicalJsonHasSortedKeys() {
        assertThat(PodTemplateHash.canonicalJson(template("nginx:1")))
                .startsWith("{\"metadata\":{\"labels\":{\"app\":\"web\",\"tier\":\"front\"}},\"spec\":{\"containers\":[{\"image\":\"nginx:1\"");
    }
}
