package dev.skiff.kubelet.stats;

/** The samples of one running container, and whose it is: its pod, and its name in the pod spec. */
record ContainerUsage(Summary.PodReference pod, String name, UsageWindow usage) {

    ContainerUsage next(UsageSample sample) {
        return new ContainerUsage(pod, name, usage.next(sample));
    }
}
