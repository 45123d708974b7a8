package dev.skiff.store.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skiff.store.KeyValue;
import dev.skiff.store.RecordingListener;
import dev.skiff.store.StoreException;
import dev.skiff.store.Watch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded store's file keeps across closes and crashes, and how it refuses a bad file. */
class EmbeddedStoreDurabilityTest {

    @TempDir
    Path directory;

    @Test
    void dataHistoryAndLeasesSurviveCloseAndReopen() {
        long lease;
        KeyValue a2;
        long compacted;
        long revision;
        try (EmbeddedStore store = new EmbeddedStore(directory)) {
            KeyValue a = store.create("/registry/a", bytes("a1"), 0);
            a2 = store.update("/registry/a", bytes("a2"), a.modRevision(), 0);
            store.create("/registry/b", bytes("b1"), 0);
            store.compact(a2.modRevision());
            store.delete("/registry/b", 0);
            lease = store.grantLease(60);
            store.create("/registry/leased", bytes("l"), lease);
            compacted = store.compactedRevision();
            revision = store.currentRevision();
        }

        try (EmbeddedStore store = new EmbeddedStore(directory)) {
            assertThat(store.currentRevision()).isEqualTo(revision);
            assertThat(store.compactedRevision()).isEqualTo(compacted);
            assertThat(store.get("/registry/a").orElseThrow()).usingRecursiveComparison().isEqualTo(a2);
            assertThat(store.get("/registry/b")).isEmpty();
            assertThat(store.keepAliveLease(lease)).isEqualTo(60);

            RecordingListener history = new RecordingListener();
            try (Watch watch = store.watch("/registry/", a2.modRevision() - 1, history)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(history.keys())
                        .containsExactly("/registry/a", "/registry/b", "/registry/b", "/registry/leased"));
            }
            assertThat(store.create("/registry/c", bytes("c"), 0).modRevision()).isEqualTo(revision + 1);

            store.revokeLease(lease);
            assertThat(store.get("/registry/leased")).isEmpty();
        }
    }

    /** A child JVM writes until it is killed (SIGKILL); every create it acknowledged must be there. */
    @Test
    void acknowledgedWritesSurviveAKilledProcess() throws Exception {
        Path stderr = directory.resolve("writer.err");
        Path data = directory.resolve("data");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), data.toString())
                .redirectError(stderr.toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                acknowledged.add(line.substring("ack ".length()));
                if (acknowledged.size() == 500) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close the
                    // pipe, losing acknowledgements still in it
                    writer.toHandle().destroyForcibly();
                }
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("acknowledged creates; writer stderr:%n%s", Files.readString(stderr))
                .hasSizeGreaterThanOrEqualTo(500);

        try (EmbeddedStore store = new EmbeddedStore(data)) {
            for (String key : acknowledged) {
                assertThat(store.get(key)).as(key).isPresent();
            }
            // every committed create is whole: one key per revision since the empty store's 1
            assertThat(store.count(CrashingWriter.PREFIX)).isEqualTo(store.currentRevision() - 1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithAClearMessage() throws IOException {
        Files.writeString(directory.resolve("skiff.db"), "not a database, ".repeat(1000));

        assertThatThrownBy(() -> new EmbeddedStore(directory))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(directory.resolve("skiff.db").toString())
                .hasMessageContaining("move it aside");
    }

    @Test
    void aDamagedDatabaseIsRefusedWithAClearMessage() throws IOException {
        try (EmbeddedStore store = new EmbeddedStore(directory)) {
            for (int i = 0; i < 2000; i++) {
                store.create("/registry/pods/p" + i, new byte[200], 0);
            }
        }
        Path file = directory.resolve("skiff.db");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5A);
            raw.seek(raw.length() / 2);
            raw.write(garbage);
            raw.seek(4096);
            raw.write(garbage);
        }

        assertThatThrownBy(() -> new EmbeddedStore(directory))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("move it aside");
    }

    @Test
    void someOtherSqliteDatabaseIsRefused() throws Exception {
        Path file = directory.resolve("skiff.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        assertThatThrownBy(() -> new EmbeddedStore(directory))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a Skiff store");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReported() throws IOException {
        Path blocker = Files.writeString(directory.resolve("a-file"), "in the way");

        assertThatThrownBy(() -> new EmbeddedStore(blocker.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(blocker.resolve("store").toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
