package dev.skiff.informer;

/** The kind of change an event carries, as in a Kubernetes watch event's {@code type}. */
public enum EventType {
    ADDED,
    MODIFIED,
    DELETED
}
