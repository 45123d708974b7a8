package dev.skiff.runtime;

/**
 * Linux resource settings, as the CRI carries them (the kubelet turns requests and limits into
 * these): CPU shares (from the request), CFS quota and period in microseconds (from the limit),
 * the memory limit in bytes. Zero means not set.
 */
public record Resources(long cpuShares, long cpuQuotaMicros, long cpuPeriodMicros, long memoryLimitBytes) {

    public static final Resources NONE = new Resources(0, 0, 0, 0);
}
