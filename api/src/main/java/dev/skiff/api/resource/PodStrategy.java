package dev.skiff.api.resource;

import dev.skiff.api.defaults.PodDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.PodValidation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.List;
import java.util.Map;

/** Pods (v1). */
public final class PodStrategy extends TypedStrategy<Pod> {

    public PodStrategy() {
        super(Pod.class);
    }

    @Override
    protected void defaults(Pod pod) {
        PodDefaults.apply(pod);
    }

    @Override
    protected List<FieldError> validate(Pod pod) {
        return PodValidation.validateCreate(pod);
    }

    @Override
    protected List<FieldError> validateTransition(Pod pod, Pod old) {
        return PodValidation.validateUpdate(pod, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(Pod object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(Pod pod) {
        return pod.getSpec();
    }

    @Override
    protected void addSelectableFields(Pod pod, Map<String, String> fields) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        fields.put("spec.nodeName", orEmpty(spec.getNodeName()));
        fields.put("spec.restartPolicy", orEmpty(spec.getRestartPolicy()));
        fields.put("spec.schedulerName", orEmpty(spec.getSchedulerName()));
        fields.put("spec.serviceAccountName", orEmpty(spec.getServiceAccountName()));
        fields.put("spec.hostNetwork", String.valueOf(Boolean.TRUE.equals(spec.getHostNetwork())));
        fields.put("status.phase", orEmpty(status.getPhase()));
        fields.put("status.podIP", podIP(status));
        fields.put("status.nominatedNodeName", orEmpty(status.getNominatedNodeName()));
    }

    /** The primary pod IP: the first of status.podIPs, or status.podIP. */
    private static String podIP(PodStatus status) {
        if (status.getPodIPs() != null && !status.getPodIPs().isEmpty()) {
            return orEmpty(status.getPodIPs().get(0).getIp());
        }
        return orEmpty(status.getPodIP());
    }
}
