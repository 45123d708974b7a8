package dev.skiff.api.validation;

import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/** Pods: their spec on create, and the few fields an update may change. */
public final class PodValidation {

    /** The fields a pod update may change, as Kubernetes lists them in its refusal. */
    private static final String UPDATABLE_FIELDS = String.join(",",
            "`spec.containers[*].image`",
            "`spec.initContainers[*].image`",
            "`spec.activeDeadlineSeconds`",
            "`spec.tolerations` (only additions to existing tolerations)",
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

    private PodValidation() {
    }

    public static List<FieldError> validateCreate(Pod pod) {
        List<FieldError> errors = validate(pod);
        if (pod.getSpec() != null && !list(pod.getSpec().getEphemeralContainers()).isEmpty()) {
            errors.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
        return errors;
    }

    /**
     * A pod's spec is immutable but for container images, a shorter activeDeadlineSeconds, added tolerations
     * and removed scheduling gates; nodeName is set once, through a binding.
     */
    public static List<FieldError> validateUpdate(Pod pod, Pod old) {
        List<FieldError> errors = validate(pod);
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodSpec oldSpec = old.getSpec() == null ? new PodSpec() : old.getSpec();
        if (list(spec.getContainers()).size() != list(oldSpec.getContainers()).size()) {
            errors.add(FieldError.forbidden("spec.containers", "pod updates may not add or remove containers"));
            return errors;
        }
        if (list(spec.getInitContainers()).size() != list(oldSpec.getInitContainers()).size()) {
            errors.add(FieldError.forbidden("spec.initContainers", "pod updates may not add or remove containers"));
            return errors;
        }
        Long deadline = spec.getActiveDeadlineSeconds();
        Long oldDeadline = oldSpec.getActiveDeadlineSeconds();
        if (deadline != null) {
            if (deadline < 0 || deadline > Integer.MAX_VALUE) {
                errors.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
                        NetworkValidation.inclusiveRange(0, Integer.MAX_VALUE)));
                return errors;
            }
            if (oldDeadline != null && oldDeadline < deadline) {
                errors.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
                        "must be less than or equal to previous value"));
                return errors;
            }
        } else if (oldDeadline != null) {
            errors.add(FieldError.invalid("spec.activeDeadlineSeconds", null,
                    "must not update from a positive integer to nil value"));
        }
        errors.addAll(TolerationValidation.validateOnlyAdded(spec.getTolerations(), oldSpec.getTolerations(),
                "spec.tolerations"));
        errors.addAll(validateOnlyDeletedSchedulingGates(list(spec.getSchedulingGates()),
                list(oldSpec.getSchedulingGates())));
        PodSpec withOldMutables = withMutableFieldsOf(spec, oldSpec);
        if (!JsonComparison.equal(withOldMutables, oldSpec)) {
            String diff = String.join("\n", JsonComparison.differences(oldSpec, withOldMutables, "spec"));
            errors.add(FieldError.forbidden("spec",
                    "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n" + diff));
        }
        return errors;
    }

    /** What create and update share: metadata, the spec, and the pod-only container checks. */
    private static List<FieldError> validate(Pod pod) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(pod.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        errors.addAll(PodSpecValidation.validate(pod.getSpec(), "spec", true));
        if (pod.getSpec() != null) {
            errors.addAll(validateImagesTrimmed(list(pod.getSpec().getContainers()), "spec.containers"));
            errors.addAll(validateImagesTrimmed(list(pod.getSpec().getInitContainers()), "spec.initContainers"));
        }
        return errors;
    }

    private static List<FieldError> validateImagesTrimmed(List<Container> containers, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String image = text(containers.get(i).getImage());
            if (!image.equals(image.strip())) {
                errors.add(FieldError.invalid(path + "[" + i + "].image", image,
                        "must not have leading or trailing whitespace"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateOnlyDeletedSchedulingGates(List<PodSchedulingGate> gates,
                                                                       List<PodSchedulingGate> old) {
        Set<String> existing = old.stream().map(gate -> text(gate.getName())).collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            String name = text(gates.get(i).getName());
            if (!existing.contains(name)) {
                errors.add(FieldError.forbidden("spec.schedulingGates[" + i + "].name",
                        "only deletion is allowed, but found new scheduling gate '" + name + "'"));
            }
        }
        return errors;
    }

    /**
     * A copy of {@code spec} with the fields an update may change taken from {@code old}: if it then differs
     * from {@code old}, the update changed something it may not. Container counts must already match.
     */
    private static PodSpec withMutableFieldsOf(PodSpec spec, PodSpec old) {
        PodSpec copy = Json.MAPPER.convertValue(spec, PodSpec.class);
        for (int i = 0; i < list(copy.getContainers()).size(); i++) {
            copy.getContainers().get(i).setImage(old.getContainers().get(i).getImage());
        }
        for (int i = 0; i < list(copy.getInitContainers()).size(); i++) {
            copy.getInitContainers().get(i).setImage(old.getInitContainers().get(i).getImage());
        }
        copy.setActiveDeadlineSeconds(old.getActiveDeadlineSeconds());
        copy.setSchedulingGates(old.getSchedulingGates());
        copy.setTolerations(old.getTolerations());
        Long oldGrace = old.getTerminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Long.valueOf(1).equals(copy.getTerminationGracePeriodSeconds())) {
            copy.setTerminationGracePeriodSeconds(oldGrace);
        }
        return copy;
    }
}
