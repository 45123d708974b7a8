package dev.skiff.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestImagesTest {

    @Test
    void theBusyboxImageIsThereWithItsShellAndStaysTheSameWhenAskedAgain() throws IOException {
        String reference = TestImages.busybox();

        try (DockerClient docker = DockerEngine.client()) {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            assertThat(reference).isEqualTo(TestImages.BUSYBOX);
            assertThat(image.getConfig().getCmd()).containsExactly("/bin/sh");

            List<String> again = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(TestImages::busybox))
                    .map(CompletableFuture::join)
                    .toList();

            assertThat(again).containsOnly(TestImages.BUSYBOX);
            assertThat(docker.inspectImageCmd(reference).exec().getId()).isEqualTo(image.getId());
        }
    }

    @Test
    void theEngineAnswersOnItsHost() {
        assertThat(DockerEngine.ensureRunning()).isEqualTo(DockerEngine.host());
        assertThat(DockerEngine.host().getScheme()).isEqualTo("unix");
    }
}
