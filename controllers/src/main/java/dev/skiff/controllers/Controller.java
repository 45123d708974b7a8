package dev.skiff.controllers;

import java.time.Duration;

/**
 * One controller of the manager: it watches some kinds of object through the shared informers and
 * converges the cluster towards what they ask for. A controller is a CDI bean; the manager finds
 * every one, wires it before the informers start, and starts it only while this replica leads.
 */
public interface Controller {

    /** Its name in logs, in {@code skiff.controllers.enabled} and as the events' component, e.g. {@code replicaset-controller}. */
    String name();

    /**
     * Wires the controller to the shared informers (asks for the ones it reads, adds indexes and
     * handlers that enqueue keys); called once, before the informers start.
     */
    void register(ControllerContext context);

    /** Starts reconciling; called when this replica becomes the leader, after the informers synced. */
    void start();

    /** Stops reconciling, waiting up to {@code wait} for reconciliations in progress. */
    void stop(Duration wait);
}
