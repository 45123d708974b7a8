package dev.skiff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load, printed beside the figures: benchmarks on a shared machine are only as quiet as it is. */
final class MachineLoad {

    private MachineLoad() {
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or {@code unknown}. */
    static String average() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
