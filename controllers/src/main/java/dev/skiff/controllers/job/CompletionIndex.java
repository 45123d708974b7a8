package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The completion index of an Indexed job's pod, as Kubernetes gives it: the annotation and label
 * {@code batch.kubernetes.io/job-completion-index}, the hostname {@code <job>-<index>}, a name
 * starting {@code <job>-<index>-}, and {@code JOB_COMPLETION_INDEX} in every container's
 * environment, read from the annotation.
 */
final class CompletionIndex {

    static final String KEY = "batch.kubernetes.io/job-completion-index";
    static final String ENV = "JOB_COMPLETION_INDEX";
    /** A pod whose index is missing or not a number. */
    static final int UNKNOWN = -1;
    /** Kubernetes' longest generateName prefix: a name is at most 63 characters, 5 of them the random suffix. */
    private static final int MAX_GENERATED_PREFIX = 58;

    private CompletionIndex() {
    }

    /** The pod's index from its annotation, else its label; {@link #UNKNOWN} without a valid one. */
    static int of(Pod pod) {
        String value = valueIn(pod.getMetadata().getAnnotations());
        if (value == null) {
            value = valueIn(pod.getMetadata().getLabels());
        }
        if (value == null) {
            return UNKNOWN;
        }
        try {
            int index = Integer.parseInt(value);
            return index >= 0 ? index : UNKNOWN;
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    private static String valueIn(Map<String, String> map) {
        return map == null ? null : map.get(KEY);
    }

    /** Makes POD, new from the template of the job named JOB, the pod of completion index INDEX. */
    static void assign(Pod pod, String job, int index) {
        String value = Integer.toString(index);
        Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.of()));
        annotations.put(KEY, value);
        pod.getMetadata().setAnnotations(annotations);
        Map<String, String> labels = new LinkedHashMap<>(Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of()));
        labels.put(KEY, value);
        pod.getMetadata().setLabels(labels);
        String suffix = "-" + index + "-";
        String prefix = job.length() + suffix.length() > MAX_GENERATED_PREFIX ? job.substring(0, MAX_GENERATED_PREFIX - suffix.length()) : job;
        pod.getMetadata().setGenerateName(prefix + suffix);
        pod.getSpec().setHostname(job + "-" + index);
        Stream.concat(pod.getSpec().getContainers().stream(),
                Objects.requireNonNullElse(pod.getSpec().getInitContainers(), List.<Container>of()).stream())
                .forEach(CompletionIndex::addEnv);
    }

    private static void addEnv(Container container) {
        List<EnvVar> env = new ArrayList<>(Objects.requireNonNullElse(container.getEnv(), List.of()));
        if (env.stream().noneMatch(var -> ENV.equals(var.getName()))) {
            env.add(new EnvVarBuilder().withName(ENV).withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.annotations['" + KEY + "']").endFieldRef().endValueFrom().build());
            container.setEnv(env);
        }
    }
}
