package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A job's {@code podFailurePolicy}, as Kubernetes checks it: the pods must not restart
 * ({@code restartPolicy: Never}) and are replaced only once failed; at most 20 rules, each with an
 * action and exactly one of exit codes (In or NotIn up to 255 ordered, distinct codes, no 0 for In,
 * a container of the template if named) and pod conditions (up to 20 patterns).
 */
final class PodFailurePolicyValidation {

    private static final int MAX_RULES = 20;
    private static final int MAX_CONDITIONS = 20;
    private static final int MAX_EXIT_CODES = 255;
    private static final List<String> ACTIONS = List.of("FailJob", "FailIndex", "Ignore", "Count");

    private PodFailurePolicyValidation() {
    }

    /** The errors of SPEC's pod failure policy (none without one); PATH is where SPEC is. */
    static List<FieldError> validate(JobSpec spec, PodSpec podSpec, String path) {
        PodFailurePolicy policy = spec.getPodFailurePolicy();
        if (policy == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        if (podSpec.getRestartPolicy() != null && !"Never".equals(podSpec.getRestartPolicy())) {
            errors.add(FieldError.invalid(path + ".template.spec.restartPolicy", podSpec.getRestartPolicy(),
                    "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        if (spec.getPodReplacementPolicy() != null && !"Failed".equals(spec.getPodReplacementPolicy())) {
            errors.add(FieldError.notSupported(path + ".podReplacementPolicy", spec.getPodReplacementPolicy(), List.of("Failed")));
        }
        List<PodFailurePolicyRule> rules = Objects.requireNonNullElse(policy.getRules(), List.of());
        String rulesPath = path + ".podFailurePolicy.rules";
        if (rules.size() > MAX_RULES) {
            errors.add(FieldError.tooMany(rulesPath, rules.size(), MAX_RULES));
        }
        List<String> containers = Stream.concat(podSpec.getContainers().stream(),
                Objects.requireNonNullElse(podSpec.getInitContainers(), List.<Container>of()).stream()).map(Container::getName).toList();
        for (int i = 0; i < rules.size(); i++) {
            errors.addAll(validateRule(rules.get(i), spec, containers, rulesPath + "[" + i + "]"));
        }
        return errors;
    }

    private static List<FieldError> validateRule(PodFailurePolicyRule rule, JobSpec spec, List<String> containers, String path) {
        List<FieldError> errors = new ArrayList<>();
        String action = rule.getAction();
        if (action == null || action.isEmpty()) {
            errors.add(FieldError.required(path + ".action", ""));
        } else if (!ACTIONS.contains(action)) {
            errors.add(FieldError.notSupported(path + ".action", action, ACTIONS));
        } else if ("FailIndex".equals(action) && spec.getBackoffLimitPerIndex() == null) {
            errors.add(FieldError.invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set"));
        }
        boolean exitCodes = rule.getOnExitCodes() != null;
        boolean conditions = rule.getOnPodConditions() != null && !rule.getOnPodConditions().isEmpty();
        if (exitCodes && conditions) {
            errors.add(FieldError.invalid(path, rule, "specifying both OnExitCodes and OnPodConditions is not supported"));
        } else if (!exitCodes && !conditions) {
            errors.add(FieldError.invalid(path, rule, "specifying one of OnExitCodes and OnPodConditions is required"));
        }
        if (exitCodes) {
            errors.addAll(validateExitCodes(rule.getOnExitCodes(), containers, path + ".onExitCodes"));
        }
        if (conditions) {
            errors.addAll(validateConditions(rule.getOnPodConditions(), path + ".onPodConditions"));
        }
        return errors;
    }

    private static List<FieldError> validateExitCodes(PodFailurePolicyOnExitCodesRequirement requirement, List<String> containers,
                                                      String path) {
        List<FieldError> errors = new ArrayList<>();
        String name = requirement.getContainerName();
        if (name != null && !containers.contains(name)) {
            errors.add(FieldError.invalid(path + ".containerName", name, "must be one of the container or initContainer names in the pod template"));
        }
        String operator = requirement.getOperator();
        if (operator == null || operator.isEmpty()) {
            errors.add(FieldError.required(path + ".operator", ""));
        } else if (!"In".equals(operator) && !"NotIn".equals(operator)) {
            errors.add(FieldError.notSupported(path + ".operator", operator, List.of("In", "NotIn")));
        }
        List<Integer> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
        if (values.isEmpty()) {
            errors.add(FieldError.required(path + ".values", "at least one value is required"));
        }
        if (values.size() > MAX_EXIT_CODES) {
            errors.add(FieldError.tooMany(path + ".values", values.size(), MAX_EXIT_CODES));
        }
        for (int i = 0; i < values.size(); i++) {
            String at = path + ".values[" + i + "]";
            int value = values.get(i);
            if (i > 0 && values.get(i - 1) == value) {
                errors.add(FieldError.duplicate(at, value));
            } else if (i > 0 && values.get(i - 1) > value) {
                errors.add(FieldError.invalid(at, value, "must be ordered"));
            }
            if ("In".equals(operator) && value == 0) {
                errors.add(FieldError.invalid(at, value, "must not be 0 for the In operator"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateConditions(List<PodFailurePolicyOnPodConditionsPattern> patterns, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (patterns.size() > MAX_CONDITIONS) {
            errors.add(FieldError.tooMany(path, patterns.size(), MAX_CONDITIONS));
        }
        for (int i = 0; i < patterns.size(); i++) {
            PodFailurePolicyOnPodConditionsPattern pattern = patterns.get(i);
            String at = path + "[" + i + "]";
            if (pattern.getType() == null || pattern.getType().isEmpty()) {
                errors.add(FieldError.required(at + ".type", ""));
            } else {
                errors.addAll(FieldError.invalid(at + ".type", pattern.getType(), NameValidation.qualifiedName(pattern.getType())));
            }
            errors.addAll(FieldValidation.oneOf(pattern.getStatus(), List.of("True", "False", "Unknown"), at + ".status"));
        }
        return errors;
    }
}
