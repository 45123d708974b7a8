package dev.skiff.scheduler.binding;

import dev.skiff.scheduler.framework.PodInfo;

/** Where the scheduler writes why a pod is not scheduled: its {@code PodScheduled} condition, through {@code pods/NAME/status}. */
public interface PodStatusWriter {

    /**
     * Sets {@code PodScheduled=False} with the reason ({@code Unschedulable}, {@code SchedulerError})
     * and message, unless the pod's condition says just that already.
     *
     * @throws RuntimeException if the api-server did not take it
     */
    void setNotScheduled(PodInfo pod, String reason, String message);
}
