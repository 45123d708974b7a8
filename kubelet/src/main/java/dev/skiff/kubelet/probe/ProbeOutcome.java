package dev.skiff.kubelet.probe;

/** One probe run: success or failure, with what was seen (for the {@code Unhealthy} event). */
public record ProbeOutcome(boolean success, String message) {

    public static ProbeOutcome ok() {
        return new ProbeOutcome(true, "");
    }

    public static ProbeOutcome failed(String message) {
        return new ProbeOutcome(false, message);
    }
}
