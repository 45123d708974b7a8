package dev.skiff.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount of each resource, as the scheduler counts them: cpu in millicores, memory and
 * ephemeral storage in bytes, and any other (extended) resource, e.g. {@code nvidia.com/gpu} or
 * {@code hugepages-2Mi}, in its own unit. Quantities are rounded up, as Kubernetes'
 * {@code MilliValue()} and {@code Value()} do. Immutable.
 */
public final class Resources {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    /** Counted by the node's {@code allocatable.pods}, not as a request. */
    public static final String PODS = "pods";

    public static final Resources NONE = new Resources(0, 0, 0, Map.of());

    private final long milliCpu;
    private final long memory;
    private final long ephemeralStorage;
    /** Extended resources with a non-zero amount, by name. */
    private final Map<String, Long> scalars;
    private final boolean zero;

    public Resources(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {
        this.milliCpu = milliCpu;
        this.memory = memory;
        this.ephemeralStorage = ephemeralStorage;
        this.scalars = scalars.isEmpty() ? Map.of() : Map.copyOf(scalars);
        this.zero = milliCpu == 0 && memory == 0 && ephemeralStorage == 0 && this.scalars.isEmpty();
    }

    /** The amounts of a {@code requests}, {@code allocatable} or {@code overhead} map; {@code pods} is left out. Null is none. */
    public static Resources of(Map<String, Quantity> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return NONE;
        }
        long cpu = 0;
        long memory = 0;
        long storage = 0;
        Map<String, Long> scalars = new TreeMap<>();
        for (Map.Entry<String, Quantity> entry : quantities.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            switch (entry.getKey()) {
                case CPU -> cpu = milliValue(entry.getValue());
                case MEMORY -> memory = value(entry.getValue());
                case EPHEMERAL_STORAGE -> storage = value(entry.getValue());
                case PODS -> { }
                default -> {
                    long amount = value(entry.getValue());
                    if (amount != 0) {
                        scalars.put(entry.getKey(), amount);
                    }
                }
            }
        }
        return new Resources(cpu, memory, storage, scalars);
    }

    /** A quantity in thousandths, rounded up: {@code 100m} is 100, {@code 1} is 1000. */
    public static long milliValue(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).movePointRight(3).setScale(0, RoundingMode.CEILING).longValue();
    }

    /** A quantity in its unit, rounded up: {@code 1Ki} is 1024, {@code 100m} is 1. */
    public static long value(Quantity quantity) {
        BigDecimal amount = Quantity.getAmountInBytes(quantity);
        return amount.setScale(0, RoundingMode.CEILING).longValue();
    }

    public long milliCpu() {
        return milliCpu;
    }

    public long memory() {
        return memory;
    }

    public long ephemeralStorage() {
        return ephemeralStorage;
    }

    /** The extended resources with a non-zero amount. */
    public Map<String, Long> scalars() {
        return scalars;
    }

    public long scalar(String name) {
        return scalars.getOrDefault(name, 0L);
    }

    public boolean isZero() {
        return zero;
    }

    public Resources plus(Resources other) {
        return combine(other, 1);
    }

    public Resources minus(Resources other) {
        return combine(other, -1);
    }

    /** Each resource's larger amount. */
    public Resources max(Resources other) {
        Map<String, Long> merged = new TreeMap<>(scalars);
        other.scalars.forEach((name, amount) -> merged.merge(name, amount, Math::max));
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                Math.max(ephemeralStorage, other.ephemeralStorage), merged);
    }

    /** These amounts with cpu and memory replaced. */
    public Resources withCpuAndMemory(long newMilliCpu, long newMemory) {
        return new Resources(newMilliCpu, newMemory, ephemeralStorage, scalars);
    }

    private Resources combine(Resources other, int sign) {
        if (other.isZero()) {
            return this;
        }
        Map<String, Long> merged = scalars;
        if (!other.scalars.isEmpty()) {
            merged = new TreeMap<>(scalars);
            for (Map.Entry<String, Long> entry : other.scalars.entrySet()) {
                long amount = merged.getOrDefault(entry.getKey(), 0L) + sign * entry.getValue();
                if (amount == 0) {
                    merged.remove(entry.getKey());
                } else {
                    merged.put(entry.getKey(), amount);
                }
            }
        }
        return new Resources(milliCpu + sign * other.milliCpu, memory + sign * other.memory,
                ephemeralStorage + sign * other.ephemeralStorage, merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources r && r.milliCpu == milliCpu && r.memory == memory
                && r.ephemeralStorage == ephemeralStorage && r.scalars.equals(scalars);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(milliCpu) * 31 + Long.hashCode(memory) * 17 + Long.hashCode(ephemeralStorage) + scalars.hashCode();
    }

    @Override
    public String toString() {
        return "{cpu=" + milliCpu + "m, memory=" + memory + ", ephemeral-storage=" + ephemeralStorage
                + (scalars.isEmpty() ? "" : ", " + scalars) + "}";
    }
}
