package dev.skiff.runtime;

import java.time.Instant;

/** Which output to stream: follow it, only the last {@code tailLines} (negative for all), with timestamps, from {@code since} (null for the start). */
public record LogOptions(boolean follow, int tailLines, boolean timestamps, Instant since) {

    public static final LogOptions ALL = new LogOptions(false, -1, false, null);
}
