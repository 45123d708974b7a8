package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

class DockerEngineExceptionTest {

    @Test
    void anotherCallersRemovalUnderWayIsToldApartFromOtherConflicts() {
        DockerEngineException removing = DockerEngineException.of("remove container abc",
                new ConflictException("{\"message\":\"removal of container abc is already in progress\"}"));
        DockerEngineException inUse = DockerEngineException.of("remove image xyz",
                new ConflictException("{\"message\":\"conflict: unable to remove repository reference (must force)\"}"));

        assertThat(removing.status()).isEqualTo(409);
        assertThat(removing.reason()).isEqualTo("removal of container abc is already in progress");
        assertThat(removing.isRemovalInProgress()).isTrue();
        assertThat(inUse.isRemovalInProgress()).isFalse();
        assertThat(DockerEngineException.of("inspect abc", new NotFoundException("{\"message\":\"No such container: abc\"}"))
                .isNotFound()).isTrue();
    }
}
