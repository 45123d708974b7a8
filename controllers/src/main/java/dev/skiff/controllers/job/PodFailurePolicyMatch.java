package dev.skiff.controllers.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rule of a job's {@code podFailurePolicy} that a failed pod matches, as Kubernetes matches it:
 * the rules in order, the first whose exit codes (of a terminated init or app container, 0 never
 * matching) or pod conditions match decides; a rule with an action this controller does not know
 * is skipped. A pod not in phase Failed, or no rule matching, is counted as usual.
 *
 * @param action  {@code FailJob}, {@code FailIndex}, {@code Ignore} or {@code Count}
 * @param message why, for the job's condition when the action fails it
 */
record PodFailurePolicyMatch(String action, String message) {

    static final String FAIL_JOB = "FailJob";
    static final String FAIL_INDEX = "FailIndex";
    static final String IGNORE = "Ignore";
    private static final List<String> ACTIONS = List.of(FAIL_JOB, FAIL_INDEX, IGNORE, "Count");

    static Optional<PodFailurePolicyMatch> of(JobSpec spec, Pod pod) {
        if (spec.getPodFailurePolicy() == null || pod.getStatus() == null || !"Failed".equals(pod.getStatus().getPhase())) {
            return Optional.empty();
        }
        List<PodFailurePolicyRule> rules = Objects.requireNonNullElse(spec.getPodFailurePolicy().getRules(), List.of());
        for (int index = 0; index < rules.size(); index++) {
            PodFailurePolicyRule rule = rules.get(index);
            if (!ACTIONS.contains(rule.getAction())) {
                continue;
            }
            String at = " matching " + rule.getAction() + " rule at index " + index;
            String where = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (rule.getOnExitCodes() != null) {
                Optional<ContainerStatus> container = exitedMatching(pod, rule.getOnExitCodes());
                if (container.isPresent()) {
                    return Optional.of(new PodFailurePolicyMatch(rule.getAction(), "Container " + container.get().getName() + " for pod " + where
                            + " failed with exit code " + container.get().getState().getTerminated().getExitCode() + at));
                }
            } else if (rule.getOnPodConditions() != null) {
                Optional<PodCondition> condition = conditionMatching(pod, rule.getOnPodConditions());
                if (condition.isPresent()) {
                    return Optional.of(new PodFailurePolicyMatch(rule.getAction(),
                            "Pod " + where + " has condition " + condition.get().getType() + at));
                }
            }
        }
        return Optional.empty();
    }

    boolean failsJob() {
        return FAIL_JOB.equals(action);
    }

    boolean failsIndex() {
        return FAIL_INDEX.equals(action);
    }

    boolean ignores() {
        return IGNORE.equals(action);
    }

    private static Optional<ContainerStatus> exitedMatching(Pod pod, PodFailurePolicyOnExitCodesRequirement requirement) {
        return Stream.concat(Objects.requireNonNullElse(pod.getStatus().getInitContainerStatuses(), List.<ContainerStatus>of()).stream(),
                        Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.<ContainerStatus>of()).stream())
                .filter(status -> requirement.getContainerName() == null || requirement.getContainerName().equals(status.getName()))
                .filter(status -> status.getState() != null && status.getState().getTerminated() != null
                        && status.getState().getTerminated().getExitCode() != null)
                .filter(status -> {
                    int code = status.getState().getTerminated().getExitCode();
                    boolean listed = Objects.requireNonNullElse(requirement.getValues(), List.<Integer>of()).contains(code);
                    return code != 0 && ("In".equals(requirement.getOperator()) ? listed : "NotIn".equals(requirement.getOperator()) && !listed);
                })
                .findFirst();
    }

    private static Optional<PodCondition> conditionMatching(Pod pod, List<PodFailurePolicyOnPodConditionsPattern> patterns) {
        List<PodCondition> conditions = Objects.requireNonNullElse(pod.getStatus().getConditions(), List.of());
        return patterns.stream()
                .flatMap(pattern -> conditions.stream()
                        .filter(c -> pattern.getType().equals(c.getType()) && Objects.requireNonNullElse(pattern.getStatus(), "True").equals(c.getStatus())))
                .findFirst();
    }
}
