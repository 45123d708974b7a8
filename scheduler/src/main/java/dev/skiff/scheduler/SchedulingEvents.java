package dev.skiff.scheduler;

import dev.skiff.scheduler.framework.PodInfo;

/** The Kubernetes Events the scheduler records about pods, which {@code kubectl describe pod} shows. */
public interface SchedulingEvents {

    /** Normal {@code Scheduled}: {@code Successfully assigned NS/NAME to NODE}. */
    void scheduled(PodInfo pod, String nodeName);

    /** Warning {@code FailedScheduling} with why. */
    void failedScheduling(PodInfo pod, String message);
}
