package dev.skiff.apiserver.admission;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultTolerationSecondsTest {

    private final DefaultTolerationSeconds admission = new DefaultTolerationSeconds(7, 9);

    @Test
    void addsBothTolerationsToAPodWithoutThem() {
        Pod pod = pod();
        admission.admit(pod);
        assertThat(pod.getSpec().getTolerations()).containsExactly(
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                        .withEffect("NoExecute").withTolerationSeconds(7L).build(),
                new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                        .withEffect("NoExecute").withTolerationSeconds(9L).build());
    }

    @Test
    void keepsThePodsOwnTolerationOfOneTaintAndAddsTheOther() {
        Toleration forever = new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                .withEffect("NoExecute").build();
        Pod pod = pod(forever);
        admission.admit(pod);
        assertThat(pod.getSpec().getTolerations()).hasSize(2).contains(forever)
                .anySatisfy(t -> {
                    assertThat(t.getKey()).isEqualTo("node.kubernetes.io/not-ready");
                    assertThat(t.getTolerationSeconds()).isEqualTo(7L);
                })
                .noneSatisfy(t -> assertThat(t.getTolerationSeconds()).isEqualTo(9L));
    }

    @Test
    void aTolerationWithoutKeyOrWithoutEffectCoversBoth() {
        Pod everything = pod(new TolerationBuilder().withOperator("Exists").build());
        admission.admit(everything);
        assertThat(everything.getSpec().getTolerations()).hasSize(1);

        Pod anyEffect = pod(
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").build(),
                new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists").build());
        admission.admit(anyEffect);
        assertThat(anyEffect.getSpec().getTolerations()).hasSize(2);
    }

    @Test
    void aNoScheduleTolerationDoesNotCount() {
        Pod pod = pod(new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                .withEffect("NoSchedule").build());
        admission.admit(pod);
        assertThat(pod.getSpec().getTolerations()).hasSize(3);
    }

    @Test
    void isIdempotentAndLeavesOtherKindsAlone() {
        Pod pod = pod();
        admission.admit(pod);
        admission.admit(pod);
        assertThat(pod.getSpec().getTolerations()).hasSize(2);

        ConfigMap map = new ConfigMap();
        admission.admit(map);
        assertThat(map).isEqualTo(new ConfigMap());
    }

    private static Pod pod(Toleration... tolerations) {
        return new PodBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withTolerations(tolerations).endSpec().build();
    }
}
