package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;

import static dev.skiff.controllers.endpoints.EndpointsFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class TargetPortsTest {

    private final Pod pod = pod("p", "web", "10.0.0.1", true, Map.of("web", 8080));

    @Test
    void numericAndUnsetTargets() {
        assertThat(TargetPorts.resolve(pod, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString(9000)).build()))
                .isEqualTo(OptionalInt.of(9000));
        assertThat(TargetPorts.resolve(pod, new ServicePortBuilder().withPort(80).build())).isEqualTo(OptionalInt.of(80));
    }

    @Test
    void namedTargetNeedsTheNameAndTheProtocol() {
        assertThat(TargetPorts.resolve(pod, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("web")).build()))
                .isEqualTo(OptionalInt.of(8080));
        assertThat(TargetPorts.resolve(pod, new ServicePortBuilder().withPort(80).withProtocol("UDP")
                .withTargetPort(new IntOrString("web")).build())).isEmpty();
        assertThat(TargetPorts.resolve(pod, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("admin")).build()))
                .isEmpty();
    }

    @Test
    void sidecarPortsCountButOtherInitContainersDoNot() {
        Pod withInits = new PodBuilder(pod).editSpec()
                .addNewInitContainer().withName("proxy").withRestartPolicy("Always")
                    .withPorts(new ContainerPortBuilder().withName("proxy").withContainerPort(15001).build()).endInitContainer()
                .addNewInitContainer().withName("setup")
                    .withPorts(new ContainerPortBuilder().withName("setup").withContainerPort(7000).build()).endInitContainer()
                .endSpec().build();

        assertThat(TargetPorts.resolve(withInits, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("proxy")).build()))
                .isEqualTo(OptionalInt.of(15001));
        assertThat(TargetPorts.resolve(withInits, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("setup")).build()))
                .isEmpty();
    }
}
