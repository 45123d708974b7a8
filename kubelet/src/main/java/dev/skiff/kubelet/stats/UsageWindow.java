package dev.skiff.kubelet.stats;

import java.time.Duration;
import java.util.OptionalLong;

/** The two latest samples of a container or the node ({@code previous} null until there are two), and the CPU rate between them. */
record UsageWindow(UsageSample previous, UsageSample latest) {

    static UsageWindow of(UsageSample first) {
        return new UsageWindow(null, first);
    }

    /** With {@code sample} as the latest; one not newer than the latest (the same reading again) changes nothing. */
    UsageWindow next(UsageSample sample) {
        return sample.time().isAfter(latest.time()) ? new UsageWindow(latest, sample) : this;
    }

    /**
     * CPU time used per second between the two samples, in nanocores (10⁹ is one core busy), as
     * Kubernetes computes it; empty with one sample, and when the CPU time went back (on a node, a
     * CPU taken offline takes its ticks with it).
     */
    OptionalLong usageNanoCores() {
        if (previous == null) {
            return OptionalLong.empty();
        }
        long cpu = latest.cpuCoreNanoSeconds() - previous.cpuCoreNanoSeconds();
        long wall = Duration.between(previous.time(), latest.time()).toNanos();
        if (cpu < 0 || wall <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round((double) cpu / wall * 1e9));
    }
}
