package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often each index of a job with {@code backoffLimitPerIndex} has failed, as Kubernetes keeps
 * it: on each pod, in the annotations {@code batch.kubernetes.io/job-index-failure-count} and
 * {@code …-ignored-failure-count}, the failures of its index before it (those the pod failure
 * policy ignores apart). A new pod of an index starts from the counts of the index's failed pods.
 */
final class IndexFailures {

    static final String FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
    static final String IGNORED_COUNT = "batch.kubernetes.io/job-index-ignored-failure-count";

    /** The failures of one index: counted against the limit, and ignored by the pod failure policy. */
    record Counts(int failures, int ignored) {
    }

    private IndexFailures() {
    }

    /** The failures of the pod's index before the pod, from its annotation; 0 without one. */
    static int before(Pod pod) {
        return count(pod, FAILURE_COUNT);
    }

    /** The counts a new pod of INDEX starts with, given the job's PODS that failed. */
    static Counts of(Collection<Pod> pods, int index, JobSpec spec) {
        int failures = 0;
        int ignored = 0;
        for (Pod pod : pods) {
            if (CompletionIndex.of(pod) != index || pod.getStatus() == null || !"Failed".equals(pod.getStatus().getPhase())) {
                continue;
            }
            boolean ignoredFailure = PodFailurePolicyMatch.of(spec, pod).filter(PodFailurePolicyMatch::ignores).isPresent();
            failures = Math.max(failures, count(pod, FAILURE_COUNT) + (ignoredFailure ? 0 : 1));
            ignored = Math.max(ignored, count(pod, IGNORED_COUNT) + (ignoredFailure ? 1 : 0));
        }
        return new Counts(failures, ignored);
    }

    static void annotate(Pod pod, Counts counts) {
        Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.of()));
        annotations.put(FAILURE_COUNT, Integer.toString(counts.failures()));
        annotations.put(IGNORED_COUNT, Integer.toString(counts.ignored()));
        pod.getMetadata().setAnnotations(annotations);
    }

    private static int count(Pod pod, String annotation) {
        String value = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(annotation);
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
