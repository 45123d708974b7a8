package dev.skiff.api.events;

/** Header names every event record carries, so consumers can route and de-duplicate without parsing the value. */
public final class EventHeaders {

    /** The object's resourceVersion (the store revision of the change), as decimal text. */
    public static final String RESOURCE_VERSION = "resourceVersion";
    /** The object's kind, e.g. {@code Pod}. */
    public static final String KIND = "kind";
    /** The object's namespace; absent for cluster-scoped objects. */
    public static final String NAMESPACE = "namespace";
    /** The watch event type: ADDED, MODIFIED or DELETED. */
    public static final String TYPE = "type";

    private EventHeaders() {
    }
}
