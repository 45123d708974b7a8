package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skiff.runtime.AttachRequest;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.ExecRequest;
import dev.skiff.runtime.ExecResult;
import dev.skiff.runtime.ExecStream;
import dev.skiff.runtime.LogOptions;
import dev.skiff.runtime.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerRuntimeLogsAndExecTest {

    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(10);

    private static RuntimeFixture fixture;
    private static DockerRuntime runtime;
    private static String sandboxId;

    @BeforeAll
    static void start() {
        fixture = new RuntimeFixture();
        runtime = fixture.runtime;
    }

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
        sandboxId = null;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String run(String name, String script) {
        return runWithStdio(name, script, ContainerConfig.Stdio.NONE);
    }

    private static String runWithStdio(String name, String script, ContainerConfig.Stdio stdio) {
        if (sandboxId == null) {
            sandboxId = fixture.sandbox("logs");
        }
        return fixture.start(sandboxId, fixture.withStdio(fixture.shell(name, script), stdio));
    }

    /** docker-java reads each stream on a thread of its own, named so. */
    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("docker-java-okhttp-stream-"))
                .count();
    }

    @Test
    void logsCarryStdoutAndStderrInOrderWithTailTimestampsAndSince() {
        String id = run("printer", "echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three; echo four; echo five");
        fixture.awaitExit(id);

        assertThat(fixture.logs(id, LogOptions.ALL)).isEqualTo("one\ntwo\nthree\nfour\nfive\n");
        assertThat(fixture.logs(id, new LogOptions(false, 2, false, null))).isEqualTo("four\nfive\n");
        assertThat(fixture.logs(id, new LogOptions(false, 0, false, null))).isEmpty();
        assertThat(fixture.logs(id, new LogOptions(false, 2, true, null)).lines().toList())
                .hasSize(2)
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}Z (four|five)"));
        assertThat(fixture.logs(id, new LogOptions(false, -1, false, Instant.now().plus(1, ChronoUnit.HOURS)))).isEmpty();
        assertThat(fixture.logs(id, new LogOptions(false, -1, false, Instant.now().minus(1, ChronoUnit.HOURS))))
                .isEqualTo("one\ntwo\nthree\nfour\nfive\n");
    }

    @Test
    void followingGetsLaterOutputAndEndsWhenTheContainerExits() {
        String id = run("follower", "echo first; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo second");
        CollectingSink sink = new CollectingSink();
        runtime.logs(id, new LogOptions(true, -1, false, null), sink);

        await("the first line").atMost(RuntimeFixture.DEADLINE).until(() -> sink.text().equals("first\n"));
        assertThat(sink.ended()).isFalse();
        assertThat(runtime.exec(id, List.of("touch", "/tmp/go"), EXEC_TIMEOUT).exitCode()).isZero();

        await("the end of the stream").atMost(RuntimeFixture.DEADLINE).until(sink::ended);
        assertThat(sink.text()).isEqualTo("first\nsecond\n");
        assertThat(sink.failure()).isNull();
        assertThat(sink.ends()).isEqualTo(1);
    }

    @Test
    void closingAFollowStopsItAndEndsOnce() {
        String id = run("talker", "echo hello; exec sleep 300");
        long threadsBefore = streamThreads();
        CollectingSink sink = new CollectingSink();
        LogStream stream = runtime.logs(id, new LogOptions(true, -1, false, null), sink);
        await("the first line").atMost(RuntimeFixture.DEADLINE).until(() -> sink.text().equals("hello\n"));

        stream.close();
        stream.close();

        assertThat(sink.ends()).isEqualTo(1);
        assertThat(sink.failure()).isNull();
        await("the stream's thread ends").atMost(RuntimeFixture.DEADLINE).until(() -> streamThreads() <= threadsBefore);
    }

    @Test
    void logsOfAMissingContainerEndWithTheFailure() {
        CollectingSink sink = new CollectingSink();
        runtime.logs("no-such-container", LogOptions.ALL, sink);

        await("the end").atMost(RuntimeFixture.DEADLINE).until(sink::ended);
        assertThat(sink.failure()).isInstanceOf(DockerEngineException.class).hasMessageContaining("no-such-container");
        assertThat(sink.ends()).isEqualTo(1);
    }

    @Test
    void execReportsExitCodeAndOutput() {
        String id = run("target", "exec sleep 300");

        assertThat(runtime.exec(id, List.of("echo", "hi"), EXEC_TIMEOUT)).isEqualTo(new ExecResult(0, "hi\n", false));
        assertThat(runtime.exec(id, List.of("sh", "-c", "echo bad >&2; exit 2"), EXEC_TIMEOUT))
                .isEqualTo(new ExecResult(2, "bad\n", false));
        ExecResult lengthy = runtime.exec(id, List.of("sh", "-c", "yes | head -c 200000"), EXEC_TIMEOUT);
        assertThat(lengthy.exitCode()).isZero();
        assertThat(lengthy.output()).hasSize(DockerRuntime.MAX_EXEC_OUTPUT).startsWith("y\ny\n");
    }

    @Test
    void anExecThatOutlivesItsTimeoutIsReportedAsTimedOut() {
        String id = run("slow", "exec sleep 300");
        long threadsBefore = streamThreads();

        long start = System.nanoTime();
        ExecResult result = runtime.exec(id, List.of("sh", "-c", "echo started; sleep 30"), Duration.ofSeconds(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).isEqualTo("started\n");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        await("the exec's stream thread ends").atMost(RuntimeFixture.DEADLINE).until(() -> streamThreads() <= threadsBefore);
        assertThat(runtime.exec(id, List.of("true"), EXEC_TIMEOUT).timedOut()).as("the runtime still execs").isFalse();
    }

    @Test
    void aStreamedExecDeliversStdoutAndStderrApartAsTheyComeThenItsExitCode() {
        String id = run("streamed", "exec sleep 300");
        CollectingExecSink sink = new CollectingExecSink();

        runtime.exec(id, ExecRequest.of(List.of("sh", "-c", "echo out; echo err >&2; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo more; exit 3")), sink);

        await("the first output").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdout().equals("out\n") && sink.stderr().equals("err\n"));
        assertThat(sink.ends()).as("no end while the command runs").isZero();
        assertThat(runtime.exec(id, List.of("touch", "/tmp/go"), EXEC_TIMEOUT).exitCode()).isZero();
        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout()).isEqualTo("out\nmore\n");
        assertThat(sink.exitCode()).isEqualTo(3);
        assertThat(sink.failure()).isNull();
        assertThat(sink.ends()).isEqualTo(1);
    }

    @Test
    void closingAStreamedExecStopsItsOutputWithoutAnEnd() {
        String id = run("closed", "exec sleep 300");
        long threadsBefore = streamThreads();
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.exec(id, ExecRequest.of(List.of("sh", "-c", "echo first; sleep 300")), sink);
        await("the first output").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdout().equals("first\n"));

        stream.close();
        stream.close();

        assertThat(sink.ends()).isZero();
        await("the stream's thread ends").atMost(RuntimeFixture.DEADLINE).until(() -> streamThreads() <= threadsBefore);
    }

    @Test
    void stdinReachesTheCommandAndItsEndEndsTheCommand() {
        String id = run("stdin", "exec sleep 300");
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.exec(id, new ExecRequest(List.of("sh", "-c", "read first; echo \"got $first\"; cat; echo done >&2"), true, false), sink);

        assertThat(stream.writeStdin("hello\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        await("the first line's answer").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdout().equals("got hello\n"));
        stream.writeStdin("more ".getBytes(StandardCharsets.UTF_8));
        stream.writeStdin("and more\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.ends()).as("cat waits for the end of its stdin").isZero();
        stream.closeStdin();

        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout()).isEqualTo("got hello\nmore and more\n");
        assertThat(sink.stderr()).isEqualTo("done\n");
        assertThat(sink.exitCode()).isZero();
    }

    @Test
    void aFullStdinQueueSaysSoAndTellsWhenItDrained() {
        String id = run("stdin-full", "exec sleep 300");
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.exec(id, new ExecRequest(List.of("sh", "-c", "while [ ! -f /tmp/go ]; do sleep 0.1; done; wc -c"), true, false), sink);
        byte[] chunk = new byte[64 * 1024];

        int written = 0;
        while (stream.writeStdin(chunk)) {
            written++;
            assertThat(written).as("the queue fills up while the command does not read").isLessThan(1000);
        }
        written++;
        assertThat(sink.stdinDrained()).isZero();
        assertThat(runtime.exec(id, List.of("touch", "/tmp/go"), EXEC_TIMEOUT).exitCode()).isZero();
        await("the queue drains").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdinDrained() == 1);
        stream.closeStdin();

        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout().trim()).isEqualTo(Integer.toString(written * chunk.length));
    }

    @Test
    void aTerminalMergesTheOutputAndCanBeResized() {
        String id = run("tty", "exec sleep 300");
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.exec(id, new ExecRequest(List.of("sh", "-c", "read go; stty size; echo err >&2; exit 4"), true, true), sink);

        stream.resize(123, 45);
        stream.writeStdin("go\n".getBytes(StandardCharsets.UTF_8));

        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout()).as("the terminal echoes the input, then the size: rows columns").contains("go\r\n").contains("45 123\r\n")
                .contains("err\r\n");
        assertThat(sink.stderr()).isEmpty();
        assertThat(sink.exitCode()).isEqualTo(4);
    }

    @Test
    void closingAnExecWithStdinEndsItsThreads() {
        String id = run("stdin-closed", "exec sleep 300");
        long threadsBefore = stdinThreads();
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.exec(id, new ExecRequest(List.of("sh", "-c", "echo ready; cat"), true, false), sink);
        await("the command runs").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdout().equals("ready\n"));
        assertThat(stdinThreads()).isGreaterThan(threadsBefore);

        stream.close();

        assertThat(stream.writeStdin("late\n".getBytes(StandardCharsets.UTF_8))).as("ignored once closed").isTrue();
        await("the stdin thread ends").atMost(RuntimeFixture.DEADLINE).until(() -> stdinThreads() <= threadsBefore);
        assertThat(sink.ends()).isZero();
    }

    private static long stdinThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("skiff-docker-stdin")).count();
    }

    @Test
    void aStreamedExecInAStoppedContainerFailsAtOnce() {
        String id = run("stopped", "exit 0");
        fixture.awaitExit(id);
        CollectingExecSink sink = new CollectingExecSink();

        assertThatThrownBy(() -> runtime.exec(id, ExecRequest.of(List.of("true")), sink))
                .isInstanceOfSatisfying(DockerEngineException.class, failure -> assertThat(failure.status()).isEqualTo(409))
                .hasMessageContaining(id);
        assertThat(sink.ends()).isZero();
    }

    @Test
    void anAttachJoinsTheMainProcessAndItsStdinOnceEndsWithTheAttach() {
        String id = runWithStdio("attach", "read line; echo \"got $line\"; cat; echo err >&2; exit 3", new ContainerConfig.Stdio(true, true, false));
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.attach(id, new AttachRequest(true, false), sink);

        assertThat(stream.writeStdin("hi\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        await("the first line's answer").atMost(RuntimeFixture.DEADLINE).until(() -> sink.stdout().equals("got hi\n"));
        stream.writeStdin("more\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.ends()).as("cat waits for the end of the container's stdin").isZero();
        stream.closeStdin();

        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout()).isEqualTo("got hi\nmore\n");
        assertThat(sink.stderr()).isEqualTo("err\n");
        assertThat(sink.exitCode()).as("an attach has no exit code of its own").isZero();
        assertThat(fixture.awaitExit(id).exitCode()).isEqualTo(3);
    }

    @Test
    void anAttachedTerminalMergesTheOutputAndCanBeResized() {
        String id = runWithStdio("attach-tty", "read go; stty size; echo err >&2", new ContainerConfig.Stdio(true, true, true));
        CollectingExecSink sink = new CollectingExecSink();
        ExecStream stream = runtime.attach(id, new AttachRequest(true, true), sink);

        stream.resize(111, 33);
        stream.writeStdin("go\n".getBytes(StandardCharsets.UTF_8));

        await("the end").atMost(RuntimeFixture.DEADLINE).until(() -> sink.ends() > 0);
        assertThat(sink.stdout()).as("the terminal echoes the input, then the size: rows columns").contains("go\r\n").contains("33 111\r\n")
                .contains("err\r\n");
        assertThat(sink.stderr()).isEmpty();
    }

    @Test
    void anAttachToAStoppedContainerFailsAtOnce() {
        String id = run("attach-stopped", "exit 0");
        fixture.awaitExit(id);
        CollectingExecSink sink = new CollectingExecSink();

        assertThatThrownBy(() -> runtime.attach(id, new AttachRequest(false, false), sink))
                .isInstanceOfSatisfying(DockerEngineException.class, failure -> assertThat(failure.status()).isEqualTo(409))
                .hasMessageContaining(id);
        assertThat(sink.ends()).isZero();
    }

    @Test
    void execInAStoppedContainerFails() {
        String id = run("gone", "exit 0");
        fixture.awaitExit(id);

        assertThatThrownBy(() -> runtime.exec(id, List.of("true"), EXEC_TIMEOUT))
                .isInstanceOf(DockerEngineException.class)
                .hasMessageContaining(id);
    }
}
