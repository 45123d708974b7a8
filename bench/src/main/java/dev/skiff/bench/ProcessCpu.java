package dev.skiff.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time used so far by this benchmark and the processes it started (etcd, Kafka, the
 * api-server, the scheduler), each named by what it runs, and by each thread of a process (from
 * Linux's {@code /proc}, user and kernel time alike): two readings show where a measured interval's
 * CPU went.
 */
final class ProcessCpu {

    /** Linux's clock ticks per second in {@code /proc/PID/task/TID/stat}. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU time used so far, by process name; the benchmark's own under {@code bench}. */
    static Map<String, Duration> read() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(process ->
                process.info().totalCpuDuration().ifPresent(used -> cpu.merge(name(process), used, Duration::plus)));
        ProcessHandle.current().info().totalCpuDuration().ifPresent(used -> cpu.put("bench", used));
        return cpu;
    }

    /**
     * CPU time used so far by the JIT compiler threads of each Java process, by process name as in
     * {@link #read()}: the part of a series' CPU that went to compiling rather than to the work, high
     * until a JVM has seen enough calls to have compiled its hot code.
     */
    static Map<String, Duration> compilers() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(process -> cpu.merge(name(process), compilerTime(process.pid()), Duration::plus));
        cpu.put("bench", compilerTime(ProcessHandle.current().pid()));
        cpu.values().removeIf(Duration::isZero);
        return cpu;
    }

    /** HotSpot names its compiler threads {@code C1 CompilerThread0}, {@code C2 CompilerThread0}, … */
    private static Duration compilerTime(long pid) {
        return threads(pid).entrySet().stream()
                .filter(thread -> thread.getKey().contains("CompilerThre"))
                .map(Map.Entry::getValue)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Pid of the first running descendant with that name ({@code scheduler}, {@code api-server}, …). */
    static Optional<Long> pid(String name) {
        return ProcessHandle.current().descendants()
                .filter(process -> name(process).equals(name))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    /**
     * CPU time used so far by the threads of the process, by thread name with numbers left out
     * ({@code scheduler-binder-3} counts as {@code scheduler-binder-}); empty where there is no {@code /proc}.
     */
    static Map<String, Duration> threads(long pid) {
        Map<String, Duration> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().replaceAll("[0-9]+", "");
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    // after "pid (comm) ": state is field 3, utime field 14 and stime field 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    cpu.merge(name, Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND), Duration::plus);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while being read
                }
            }
        } catch (IOException noProc) {
            return Map.of();
        }
        return cpu;
    }

    private static String name(ProcessHandle process) {
        String command = process.info().commandLine().orElse(process.info().command().orElse("?"));
        if (command.contains("scheduler/target/quarkus-app")) {
            return "scheduler";
        }
        if (command.contains("api-server/target/quarkus-app")) {
            return "api-server";
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (command.contains("etcd")) {
            return "etcd";
        }
        return "other";
    }
}
