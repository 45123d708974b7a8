package dev.skiff.api.protobuf;

/**
 * Whether a scalar field that arrives holding its zero value ("", 0, false) appears in the JSON.
 * Go's protobuf encoder writes every non-pointer scalar, zero or not, so the decoder has to apply
 * the JSON tags itself to produce what the JSON encoding of the object would hold.
 */
enum ZeroValue {

    /** Dropped: a value field tagged {@code omitempty}, the common case. */
    OMIT,
    /**
     * Kept: a pointer field, where an explicit zero differs from unset ({@code replicas: 0}), or a
     * field without {@code omitempty} ({@code containerPort}).
     */
    KEEP
}
