package dev.skiff.runtime;

/** A local image: its id (e.g. {@code sha256:…}), the reference asked for, and its size. */
public record Image(String id, String reference, long sizeBytes) {
}
