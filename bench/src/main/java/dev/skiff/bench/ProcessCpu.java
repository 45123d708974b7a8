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
import java.util.TreeMap;

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
     * CPU time used so far by the JIT compiler threads of each Java process: the part of a series'
     * CPU that went to compiling rather than to the work, high until a JVM has compiled its hot code.
     */
    static CompilerCpu compilers() {
        Map<String, Map<Long, Duration>> threads = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(process ->
                threads.computeIfAbsent(name(process), name -> new HashMap<>()).putAll(compilerThreads(process.pid())));
        threads.put("bench", compilerThreads(ProcessHandle.current().pid()));
        return new CompilerCpu(threads);
    }

    /**
     * The compiler threads' CPU time by process name and thread id. HotSpot starts and stops compiler
     * threads as its queue grows and shrinks, so two readings are compared thread by thread: a thread
     * that ended in between is left out rather than counted negative.
     */
    record CompilerCpu(Map<String, Map<Long, Duration>> threads) {

        /** The CPU time each process's compiler threads used since {@code before}, for processes that used any. */
        Map<String, Duration> since(CompilerCpu before) {
            Map<String, Duration> used = new TreeMap<>();
            threads.forEach((process, now) -> {
                Map<Long, Duration> then = before.threads.getOrDefault(process, Map.of());
                Duration total = now.entrySet().stream()
                        .map(thread -> thread.getValue().minus(then.getOrDefault(thread.getKey(), Duration.ZERO)))
                        .reduce(Duration.ZERO, Duration::plus);
                if (!total.isZero()) {
                    used.put(process, total);
                }
            });
            return used;
        }
    }

    /** HotSpot names its compiler threads {@code C1 CompilerThread0}, {@code C2 CompilerThread1}, … */
    private static Map<Long, Duration> compilerThreads(long pid) {
        Map<Long, Duration> cpu = new HashMap<>();
        forEachThread(pid, (tid, name, used) -> {
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                cpu.put(tid, used);
            }
        });
        return cpu;
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
        forEachThread(pid, (tid, name, used) -> cpu.merge(name.replaceAll("[0-9]+", ""), used, Duration::plus));
        return cpu;
    }

    @FunctionalInterface
    private interface ThreadCpu {
        void accept(long tid, String name, Duration used);
    }

    /** Each thread of the process with its name and CPU time so far; none where there is no {@code /proc}. */
    private static void forEachThread(long pid, ThreadCpu action) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    // after "pid (comm) ": state is field 3, utime field 14 and stime field 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    action.accept(Long.parseLong(task.getFileName().toString()), name,
                            Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while being read
                }
            }
        } catch (IOException noProc) {
            // no such process, or no /proc: no threads to report
        }
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
