package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecStdinTest {

    private final AtomicInteger drained = new AtomicInteger();
    private final ExecStdin stdin = new ExecStdin(10, drained::incrementAndGet);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String read(int length) throws IOException {
        byte[] buffer = new byte[length];
        int n = stdin.read(buffer, 0, length);
        return n < 0 ? null : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void chunksAreReadInOrderAcrossTheirBoundsThenTheEndIsEof() throws IOException {
        assertThat(stdin.write(bytes("abc"))).isTrue();
        assertThat(stdin.write(bytes("de"))).isTrue();
        stdin.end();

        assertThat(read(2)).isEqualTo("ab");
        assertThat(read(10)).isEqualTo("c");
        assertThat(stdin.read()).isEqualTo('d');
        assertThat(read(10)).isEqualTo("e");
        assertThat(read(10)).isNull();
        assertThat(stdin.write(bytes("late"))).as("ignored after the end").isTrue();
        assertThat(read(10)).isNull();
    }

    @Test
    void aFullQueueSaysSoAndTellsOnceWhenHalfOfItWasRead() throws IOException {
        assertThat(stdin.write(bytes("12345678"))).isTrue();
        assertThat(stdin.write(bytes("90ab"))).as("12 bytes queued, over the limit of 10").isFalse();

        assertThat(read(4)).isEqualTo("1234");
        assertThat(drained).as("8 queued, more than half").hasValue(0);
        assertThat(read(4)).isEqualTo("5678");
        assertThat(drained).as("4 queued").hasValue(1);
        assertThat(read(4)).isEqualTo("90ab");
        assertThat(drained).as("told once").hasValue(1);
    }

    @Test
    void anAbortDropsWhatIsQueuedAndWakesAWaitingReader() throws Exception {
        stdin.write(bytes("dropped"));
        stdin.abort();
        assertThat(read(10)).isNull();

        ExecStdin waiting = new ExecStdin(10, () -> { });
        Thread reader = new Thread(() -> {
            try {
                waiting.read(new byte[4], 0, 4);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        await("the reader waits for stdin").atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);
        waiting.close();
        reader.join(10_000);
        assertThat(reader.isAlive()).as("the reader woke up at the abort").isFalse();
    }
}
