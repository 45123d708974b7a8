package dev.skiff.kubelet.node;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the kubelet reads off the machine it runs on: CPUs, memory, disk, addresses, OS, CPU time and memory in use. */
public final class MachineInfo {

    /** Linux counts CPU time in /proc/stat in USER_HZ ticks, 100 a second. */
    private static final long NANOS_PER_JIFFY = 10_000_000L;
    /** Of /proc/stat's cpu line (cpu user nice system idle iowait irq softirq steal guest guest_nice): the busy ones; guest time is in user time already. */
    private static final int[] BUSY_FIELDS = {1, 2, 3, 6, 7, 8};

    private MachineInfo() {
    }

    public static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code MemTotal} from /proc/meminfo, in bytes. */
    public static long memoryBytes() {
        return meminfo("MemTotal:").orElse(0L);
    }

    /** {@code MemAvailable} from /proc/meminfo, in bytes. */
    public static long availableMemoryBytes() {
        return meminfo("MemAvailable:").orElse(Long.MAX_VALUE);
    }

    /** MemTotal minus MemAvailable, the node's memory working set as the kubelet's Summary API gives it; empty when /proc/meminfo cannot be read. */
    public static Optional<Long> memoryWorkingSetBytes() {
        return meminfo("MemTotal:").flatMap(total -> meminfo("MemAvailable:").map(available -> Math.max(0, total - available)));
    }

    /** The CPU time all CPUs have spent busy since boot, in nanoseconds, from /proc/stat; empty when it cannot be read. */
    public static Optional<Long> cpuTimeNanos() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    return Optional.of(busyJiffies(line) * NANOS_PER_JIFFY);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The busy ticks of /proc/stat's {@code cpu} line: user, nice, system, irq, softirq and steal (older kernels lack the last ones). */
    static long busyJiffies(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int field : BUSY_FIELDS) {
            if (field < fields.length) {
                busy += Long.parseLong(fields[field]);
            }
        }
        return busy;
    }

    private static Optional<Long> meminfo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Size of the file system holding the directory, in bytes. */
    public static long diskBytes(Path directory) {
        return directory.toFile().getTotalSpace();
    }

    /** Free space of the file system holding the directory, in bytes. */
    public static long freeDiskBytes(Path directory) {
        return directory.toFile().getUsableSpace();
    }

    /** Processes running against the machine's pid_max, as a fraction. */
    public static double pidUsage() {
        try {
            // read line-wise: files under /proc report size 0, and a size-based read can come back short
            long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).trim());
            long running;
            try (var entries = Files.list(Path.of("/proc"))) {
                running = entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
            }
            return (double) running / max;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost").toLowerCase(Locale.ROOT);
        }
    }

    /** The first IPv4 address of an up, non-loopback interface; 127.0.0.1 when there is none. */
    public static String primaryAddress() {
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (NetworkInterface nic : interfaces) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || nic.getName().startsWith("docker")
                        || nic.getName().startsWith("veth") || nic.getName().startsWith("br-")) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }

    /** Kubernetes' name of the CPU architecture ({@code amd64}, {@code arm64}). */
    public static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    public static String kernelVersion() {
        return System.getProperty("os.version");
    }

    /** {@code PRETTY_NAME} from /etc/os-release. */
    public static String osImage() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            return "Linux";
        }
        return "Linux";
    }

    public static String machineId() {
        return readTrimmed(Path.of("/etc/machine-id"));
    }

    public static String bootId() {
        return readTrimmed(Path.of("/proc/sys/kernel/random/boot_id"));
    }

    private static String readTrimmed(Path path) {
        try {
            return String.join("", Files.readAllLines(path)).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
