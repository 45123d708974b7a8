package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;

/**
 * How a job counts each of its pods exactly once, as Kubernetes' job tracking with finalizers: every
 * pod is created with the {@code batch.kubernetes.io/job-tracking} finalizer, so it cannot vanish
 * before it was counted; a finished pod's uid is first written into the job's
 * {@code status.uncountedTerminatedPods}, then its finalizer removed, then it moves into
 * {@code succeeded} or {@code failed}. A crash between the steps repeats the later ones only.
 */
final class JobTracking {

    static final String FINALIZER = "batch.kubernetes.io/job-tracking";

    private JobTracking() {
    }

    static boolean isTracked(Pod pod) {
        List<String> finalizers = pod.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(FINALIZER);
    }

    static boolean hasSucceeded(Pod pod) {
        return pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase());
    }

    /**
     * Whether the pod counts as a failure: Failed, or (unless the job replaces only failed pods)
     * being deleted without having succeeded, as Kubernetes counts a pod that may never reach a phase.
     */
    static boolean hasFailed(Pod pod, Job job) {
        if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
            return true;
        }
        boolean onlyFailed = "Failed".equals(job.getSpec().getPodReplacementPolicy());
        return !onlyFailed && pod.getMetadata().getDeletionTimestamp() != null && !hasSucceeded(pod);
    }

    /** Removes the finalizer from the pod; true when it is gone or was already (the pod gone too). */
    static boolean release(KubernetesClient client, Pod pod) {
        List<String> finalizers = pod.getMetadata().getFinalizers();
        int index = finalizers == null ? -1 : finalizers.indexOf(FINALIZER);
        if (index < 0) {
            return true;
        }
        // the test makes a stale cache fail the patch instead of removing another finalizer
        String patch = "[{\"op\":\"test\",\"path\":\"/metadata/finalizers/" + index + "\",\"value\":\"" + FINALIZER + "\"},"
                + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/" + index + "\"}]";
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true;
            }
            throw e;
        }
    }
}
