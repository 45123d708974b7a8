package dev.skiff.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recordings of running JVMs, started and stopped with {@code jcmd}, and a summary of
 * where their CPU samples fell: the hottest methods (the top frame of each sample) and the busiest
 * threads.
 */
final class FlightRecordings {

    private static final String RECORDING = "skiff-bench";
    private static final int TOP = 15;
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

    private FlightRecordings() {
    }

    /** Starts a recording with the {@code profile} settings (a CPU sample every 10 ms) in the JVM. */
    static void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    /** Stops the recording and writes it to FILE. */
    static void stop(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    }

    /** Prints the hottest methods and threads of the recording. */
    static void summarize(String title, Path file, PrintStream out) throws IOException {
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            String top = frames.isEmpty() ? "(no stack)"
                    : frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
            methods.merge(top, 1, Integer::sum);
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "%n%s: %d CPU samples (%s)%n", title, samples, file);
        print("  hottest methods (own time)", methods, samples, out);
        print("  busiest threads", threads, samples, out);
    }

    private static void print(String heading, Map<String, Integer> counts, int total, PrintStream out) {
        out.println(heading);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(total, 1), entry.getKey()));
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new BenchFailure("jcmd " + String.join(" ", command) + " failed for pid " + pid + ": " + output);
        }
    }
}
