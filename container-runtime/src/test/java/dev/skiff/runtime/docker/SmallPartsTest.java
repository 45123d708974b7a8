package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void aReferenceWithoutTagOrDigestGetsLatest() {
        assertThat(ImageReferences.withDefaultTag("busybox")).isEqualTo("busybox:latest");
        assertThat(ImageReferences.withDefaultTag("busybox:1.36")).isEqualTo("busybox:1.36");
        assertThat(ImageReferences.withDefaultTag("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageReferences.withDefaultTag("localhost:5000/app:2")).isEqualTo("localhost:5000/app:2");
        assertThat(ImageReferences.withDefaultTag("app@sha256:abc")).isEqualTo("app@sha256:abc");
    }

    @Test
    void theEnginesReasonIsTakenOutOfDockerJavasMessage() {
        DockerEngineException notFound = DockerEngineException.of("inspect container x",
                new NotFoundException("{\"message\":\"No such container: x\"}\n"));
        assertThat(notFound).hasMessage("inspect container x: No such container: x");
        assertThat(notFound.reason()).isEqualTo("No such container: x");
        assertThat(notFound.isNotFound()).isTrue();

        DockerEngineException unreachable = DockerEngineException.of("list containers",
                new RuntimeException(new ConnectException("Connection refused")));
        assertThat(unreachable.status()).isZero();
        assertThat(unreachable.reason()).contains("Connection refused");
    }

    @Test
    void namesFollowKubernetesDockerScheme() {
        assertThat(ContainerNames.sandbox("web-0", "default", "1234-ab", 2)).isEqualTo("k8s_POD_web-0_default_1234-ab_2");
        assertThat(ContainerNames.container("app", "web-0", "default", "1234-ab", 0)).isEqualTo("k8s_app_web-0_default_1234-ab_0");
        assertThat(ContainerNames.container("a b/c", "p", "n", "u", 1)).isEqualTo("k8s_a-b-c_p_n_u_1");
    }

    @Test
    void onlyTheCallersLabelsAreShownAndTheRuntimesAreReserved() {
        Map<String, String> merged = Labels.merge(Map.of("app", "web"), Map.of(Labels.TYPE, Labels.CONTAINER));
        Map<String, String> asDockerKeepsThem = new HashMap<>(merged);
        asDockerKeepsThem.put("maintainer", "from the image");

        assertThat(Labels.callers(asDockerKeepsThem)).isEqualTo(Map.of("app", "web"));
        assertThatThrownBy(() -> Labels.merge(Map.of(Labels.PREFIX + "x", "y"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
