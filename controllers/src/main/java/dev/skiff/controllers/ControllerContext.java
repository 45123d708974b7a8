package dev.skiff.controllers;

import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.informer.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * What every controller shares: the API client for writes, the shared informers for reads, and the
 * manager's settings. Controllers make their own {@link EventRecorder} (the component differs).
 */
public record ControllerContext(KubernetesClient client, SharedInformers informers, ControllersConfig config,
                                String identity, Clock clock) {

    /**
     * The controller's work queue and workers: {@code workers} of its own settings, or the manager's
     * {@code skiff.controllers.workers} when it has none.
     */
    public ReconcileLoop reconcileLoop(String name, OptionalInt workers, ReconcileLoop.Reconciler reconciler) {
        return new ReconcileLoop(name, workers.orElse(config.workers()), reconciler);
    }

    /** An event recorder writing as {@code component}; closed by the manager at shutdown. */
    public EventRecorder recorder(String component) {
        return informers.recorder(client, component);
    }
}
