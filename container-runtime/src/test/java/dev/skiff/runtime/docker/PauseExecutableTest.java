package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseExecutableTest {

    @Test
    void isAStaticX86_64ExecutableWithOneLoadSegment() {
        byte[] elf = PauseExecutable.bytes();

        assertThat(elf).startsWith(0x7f, 'E', 'L', 'F', 2, 1, 1);
        assertThat(elf[18]).as("e_machine x86_64").isEqualTo((byte) 0x3e);
        assertThat(elf).hasSize(208);
    }

    @Test
    void waitsUntilTerminatedAndThenExitsCleanly(@TempDir Path dir) throws IOException {
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        Path pause = dir.resolve("pause");
        Files.write(pause, PauseExecutable.bytes());
        Files.setPosixFilePermissions(pause, PosixFilePermissions.fromString("rwx------"));

        Process process = new ProcessBuilder(pause.toString()).start();
        assertThat(process.isAlive()).isTrue();
        assertThat(process.pid()).isPositive();

        process.destroy();

        await("pause exits on SIGTERM").atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        assertThat(process.exitValue()).isZero();
    }
}
