package dev.skiff.scheduler.framework;

import java.util.Set;

/**
 * Implemented by plugins that can reject a pod: the cluster events that may make a pod they
 * rejected fit. A pod the queue holds as unschedulable goes back to be scheduled on such an event
 * only, as Kubernetes' {@code EventsToRegister}.
 */
public interface EnqueueExtensions {

    Set<ClusterEvent> eventsToRegister();
}
