package dev.skiff.runtime;

import java.time.Instant;

/**
 * What a running container uses, read by the runtime at {@code timestamp}: the CPU time it has used
 * since it started ({@code cpuUsageCoreNanoSeconds}, cumulative, in core-nanoseconds) and its memory
 * working set (usage minus inactive file pages, as cAdvisor and Kubernetes count it; never negative).
 */
public record ContainerStats(long cpuUsageCoreNanoSeconds, long memoryWorkingSetBytes, Instant timestamp) {
}
