package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import static dev.skiff.controllers.deployment.Fixtures.rolling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollingUpdateLimitsTest {

    @Test
    void percentagesRoundSurgeUpAndUnavailableDown() {
        Deployment deployment = rolling(10, "25%", "25%");

        assertThat(RollingUpdateLimits.maxSurge(deployment)).isEqualTo(3);
        assertThat(RollingUpdateLimits.maxUnavailable(deployment)).isEqualTo(2);
    }

    @Test
    void integersAreTakenAsTheyAre() {
        assertThat(RollingUpdateLimits.maxSurge(rolling(10, "4", "0"))).isEqualTo(4);
        assertThat(RollingUpdateLimits.maxUnavailable(rolling(10, "4", "0"))).isZero();
    }

    @Test
    void whenBothComeToZeroOneMayBeUnavailable() {
        // 25% of 3 rounds down to 0 unavailable; 0 surge
        Deployment deployment = rolling(3, "0", "25%");

        assertThat(RollingUpdateLimits.maxSurge(deployment)).isZero();
        assertThat(RollingUpdateLimits.maxUnavailable(deployment)).isEqualTo(1);
        assertThat(RollingUpdateLimits.fenceposts(new IntOrString("0%"), new IntOrString(0), 100)).containsExactly(0, 1);
    }

    @Test
    void maxUnavailableNeverExceedsTheReplicas() {
        assertThat(RollingUpdateLimits.maxUnavailable(rolling(2, "1", "5"))).isEqualTo(2);
        assertThat(RollingUpdateLimits.maxUnavailable(rolling(0, "1", "5"))).isZero();
    }

    @Test
    void recreateAllowsNeitherSurgeNorUnavailability() {
        Deployment recreate = new DeploymentBuilder(rolling(4, "50%", "50%")).editSpec().editStrategy().withType("Recreate")
                .withRollingUpdate(null).endStrategy().endSpec().build();

        assertThat(RollingUpdateLimits.isRecreate(recreate)).isTrue();
        assertThat(RollingUpdateLimits.maxSurge(recreate)).isZero();
        assertThat(RollingUpdateLimits.maxUnavailable(recreate)).isZero();
    }

    @Test
    void scaledValues() {
        assertThat(RollingUpdateLimits.scaled(new IntOrString("30%"), 5, true)).isEqualTo(2);
        assertThat(RollingUpdateLimits.scaled(new IntOrString("30%"), 5, false)).isEqualTo(1);
        assertThat(RollingUpdateLimits.scaled(new IntOrString("100%"), 7, false)).isEqualTo(7);
        assertThatThrownBy(() -> RollingUpdateLimits.scaled(new IntOrString("lots"), 5, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
    }
}
