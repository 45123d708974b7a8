package dev.skiff.kubelet.pod;

import dev.skiff.runtime.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes' conversions of requests and limits into the runtime's CPU and memory settings. */
class ContainerConfigFactoryTest {

    private static Container withResources(String cpuRequest, String cpuLimit, String memoryLimit) {
        ContainerBuilder builder = new ContainerBuilder().withName("c").withNewResources().endResources();
        var resources = builder.editResources();
        if (cpuRequest != null) {
            resources.addToRequests("cpu", new Quantity(cpuRequest));
        }
        if (cpuLimit != null) {
            resources.addToLimits("cpu", new Quantity(cpuLimit));
        }
        if (memoryLimit != null) {
            resources.addToLimits("memory", new Quantity(memoryLimit));
        }
        return resources.endResources().build();
    }

    @Test
    void cpuRequestBecomesSharesAndLimitBecomesQuota() {
        Resources resources = ContainerConfigFactory.resources(withResources("250m", "500m", "64Mi"));
        assertThat(resources.cpuShares()).isEqualTo(256);
        assertThat(resources.cpuQuotaMicros()).isEqualTo(50_000);
        assertThat(resources.cpuPeriodMicros()).isEqualTo(100_000);
        assertThat(resources.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void withoutRequestsTheLimitCountsAndWithoutBothTheMinimumShares() {
        assertThat(ContainerConfigFactory.resources(withResources(null, "2", null)).cpuShares()).isEqualTo(2048);
        Resources none = ContainerConfigFactory.resources(withResources(null, null, null));
        assertThat(none.cpuShares()).isEqualTo(2);
        assertThat(none.cpuQuotaMicros()).isZero();
        assertThat(none.memoryLimitBytes()).isZero();
    }

    @Test
    void aTinyCpuLimitStillGetsTheMinimumQuota() {
        assertThat(ContainerConfigFactory.resources(withResources(null, "1m", null)).cpuQuotaMicros()).isEqualTo(1_000);
    }
}
