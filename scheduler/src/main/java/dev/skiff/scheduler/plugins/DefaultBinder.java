package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.binding.PodBinder;
import dev.skiff.scheduler.framework.BindPlugin;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;

/** Binds the pod by writing its Binding to the api-server. */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final PodBinder binder;

    public DefaultBinder(PodBinder binder) {
        this.binder = binder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        try {
            binder.bind(pod, nodeName);
            return Status.success();
        } catch (RuntimeException e) {
            return Status.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
