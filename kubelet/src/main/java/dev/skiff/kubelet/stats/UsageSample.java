package dev.skiff.kubelet.stats;

import dev.skiff.runtime.ContainerStats;
import java.time.Instant;

/** One reading of what a container or the node uses: CPU time since it started (core-nanoseconds) and memory working set, as of {@code time}. */
record UsageSample(long cpuCoreNanoSeconds, long workingSetBytes, Instant time) {

    static UsageSample of(ContainerStats stats) {
        return new UsageSample(stats.cpuUsageCoreNanoSeconds(), stats.memoryWorkingSetBytes(), stats.timestamp());
    }
}
