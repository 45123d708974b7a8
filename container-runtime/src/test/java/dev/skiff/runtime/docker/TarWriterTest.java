package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarWriterTest {

    private static byte[] sample() {
        return new TarWriter()
                .directory("bin", 0755)
                .file("bin/tool", 0755, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8))
                .symlink("bin/sh", "tool")
                .file("empty", 0644, new byte[0])
                .file("big", 0600, new byte[1500])
                .finish();
    }

    @Test
    void writesEntriesThatAnotherTarReaderReads() throws IOException {
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(sample()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String content = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                seen.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getSize()
                        + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : "")
                        + (entry.isDirectory() ? " dir" : "")
                        + (entry.getName().equals("bin/tool") ? " " + content.strip() : ""));
                assertThat(entry.getUserId()).isZero();
                assertThat(entry.getUserName()).isEqualTo("root");
            }
        }

        assertThat(seen).containsExactly(
                "bin/ 755 0 dir",
                "bin/tool 755 18 #!/bin/sh\necho hi",
                "bin/sh 777 0 -> tool",
                "empty 644 0",
                "big 600 1500");
    }

    @Test
    void theSameEntriesGiveTheSameBytesInWholeBlocks() {
        assertThat(sample()).isEqualTo(sample());
        assertThat(sample().length % 512).isZero();
    }

    @Test
    void refusesNamesItCannotStore() {
        assertThatThrownBy(() -> new TarWriter().file("x".repeat(101), 0644, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
