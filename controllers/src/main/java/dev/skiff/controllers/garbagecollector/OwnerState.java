package dev.skiff.controllers.garbagecollector;

/** What the garbage collector found behind one owner reference of a dependent, as Kubernetes classifies them. */
enum OwnerState {
    /** The owner exists (same UID) and is not waiting for its dependents: the reference holds. */
    SOLID,
    /** The owner does not exist, or another object with another UID has its name. */
    DANGLING,
    /** The owner is being deleted in the foreground: it waits for its dependents to go first. */
    WAITING_FOR_DEPENDENTS_DELETION
}
