package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/**
 * A pod spec, in a pod or in a pod template (Kubernetes' ValidatePodSpec). Not checked here, as not yet used
 * by Skiff: affinity, topology spread constraints, security contexts, OS-specific fields.
 */
public final class PodSpecValidation {

    private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default",
            "None");
    private static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");
    private static final int MAX_DNS_NAMESERVERS = 3;
    private static final int MAX_DNS_SEARCH_PATHS = 32;
    private static final int MAX_DNS_SEARCH_CHARACTERS = 2048;
    private static final String FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";

    private PodSpecValidation() {
    }

    /**
     * Validates {@code spec} found at {@code path}. {@code inPod} is true for a pod's own spec (not a template):
     * there a host-network pod's host ports must already equal its container ports.
     */
    public static List<FieldError> validate(PodSpec spec, String path, boolean inPod) {
        PodSpec s = spec == null ? new PodSpec() : spec;
        List<FieldError> errors = new ArrayList<>();
        if (s.getTerminationGracePeriodSeconds() == null) {
            errors.add(FieldError.required(path + ".terminationGracePeriodSeconds", ""));
        }
        Set<String> volumes = new HashSet<>();
        errors.addAll(validateVolumes(list(s.getVolumes()), volumes, path + ".volumes"));
        errors.addAll(validateContainers(list(s.getContainers()), volumes, s.getTerminationGracePeriodSeconds(),
                path + ".containers"));
        errors.addAll(validateInitContainers(list(s.getInitContainers()), list(s.getContainers()), volumes,
                s.getTerminationGracePeriodSeconds(), path + ".initContainers"));
        errors.addAll(validateHostNetworkPorts(s, path, inPod));
        errors.addAll(FieldValidation.oneOf(s.getRestartPolicy(), RESTART_POLICIES, path + ".restartPolicy"));
        errors.addAll(FieldValidation.oneOf(s.getDnsPolicy(), DNS_POLICIES, path + ".dnsPolicy"));
        errors.addAll(LabelValidation.validateLabels(s.getNodeSelector(), path + ".nodeSelector"));
        errors.addAll(validateDnsConfig(s.getDnsConfig(), s.getDnsPolicy(), path + ".dnsConfig"));
        errors.addAll(validateReadinessGates(list(s.getReadinessGates()), path + ".readinessGates"));
        errors.addAll(validateSchedulingGates(list(s.getSchedulingGates()), path + ".schedulingGates"));
        errors.addAll(validateOptionalName(s.getServiceAccountName(), NameRule.DNS1123_SUBDOMAIN,
                path + ".serviceAccountName"));
        errors.addAll(validateOptionalName(s.getNodeName(), NameRule.DNS1123_SUBDOMAIN, path + ".nodeName"));
        if (s.getActiveDeadlineSeconds() != null
                && (s.getActiveDeadlineSeconds() < 1 || s.getActiveDeadlineSeconds() > Integer.MAX_VALUE)) {
            errors.add(FieldError.invalid(path + ".activeDeadlineSeconds", s.getActiveDeadlineSeconds(),
                    NetworkValidation.inclusiveRange(1, Integer.MAX_VALUE)));
        }
        errors.addAll(validateOptionalName(s.getHostname(), NameRule.DNS1123_LABEL, path + ".hostname"));
        errors.addAll(validateOptionalName(s.getSubdomain(), NameRule.DNS1123_LABEL, path + ".subdomain"));
        errors.addAll(TolerationValidation.validate(s.getTolerations(), path + ".tolerations"));
        errors.addAll(validateHostAliases(list(s.getHostAliases()), path + ".hostAliases"));
        errors.addAll(validateOptionalName(s.getPriorityClassName(), NameRule.DNS1123_SUBDOMAIN,
                path + ".priorityClassName"));
        errors.addAll(validateOptionalName(s.getRuntimeClassName(), NameRule.DNS1123_SUBDOMAIN,
                path + ".runtimeClassName"));
        if (s.getPreemptionPolicy() != null) {
            errors.addAll(FieldValidation.oneOf(s.getPreemptionPolicy(), PREEMPTION_POLICIES,
                    path + ".preemptionPolicy"));
        }
        return errors;
    }

    /** Volumes: unique DNS-label names, exactly one source each. Adds the valid names to {@code names}. */
    private static List<FieldError> validateVolumes(List<Volume> volumes, Set<String> names, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            String volumePath = path + "[" + i + "]";
            List<FieldError> volumeErrors = new ArrayList<>(validateVolumeSource(volume, volumePath));
            String name = text(volume.getName());
            if (name.isEmpty()) {
                volumeErrors.add(FieldError.required(volumePath + ".name", ""));
            } else {
                volumeErrors.addAll(FieldError.invalid(volumePath + ".name", name, NameValidation.dns1123Label(name)));
            }
            if (!seen.add(name)) {
                volumeErrors.add(FieldError.duplicate(volumePath + ".name", name));
            }
            if (volumeErrors.isEmpty()) {
                names.add(name);
            }
            errors.addAll(volumeErrors);
        }
        return errors;
    }

    private static List<FieldError> validateVolumeSource(Volume volume, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> sources = VolumeSources.of(volume);
        if (sources.isEmpty()) {
            errors.add(FieldError.required(path, "must specify a volume type"));
        }
        for (int i = 1; i < sources.size(); i++) {
            errors.add(FieldError.forbidden(path + "." + sources.get(i), "may not specify more than 1 volume type"));
        }
        if (volume.getHostPath() != null) {
            String hostPath = text(volume.getHostPath().getPath());
            if (hostPath.isEmpty()) {
                errors.add(FieldError.required(path + ".hostPath.path", ""));
            } else {
                errors.addAll(PathValidation.noBacksteps(hostPath, path + ".hostPath.path"));
            }
        }
        if (volume.getSecret() != null) {
            if (isEmpty(volume.getSecret().getSecretName())) {
                errors.add(FieldError.required(path + ".secret.secretName", ""));
            }
            errors.addAll(validateFileMode(volume.getSecret().getDefaultMode(), path + ".secret.defaultMode"));
        }
        if (volume.getConfigMap() != null) {
            if (isEmpty(volume.getConfigMap().getName())) {
                errors.add(FieldError.required(path + ".configMap.name", ""));
            }
            errors.addAll(validateFileMode(volume.getConfigMap().getDefaultMode(), path + ".configMap.defaultMode"));
        }
        if (volume.getPersistentVolumeClaim() != null && isEmpty(volume.getPersistentVolumeClaim().getClaimName())) {
            errors.add(FieldError.required(path + ".persistentVolumeClaim.claimName", ""));
        }
        return errors;
    }

    private static List<FieldError> validateFileMode(Integer mode, String path) {
        return mode != null && (mode < 0 || mode > 0777) ? List.of(FieldError.invalid(path, mode, FILE_MODE_ERROR))
                : List.of();
    }

    private static List<FieldError> validateContainers(List<Container> containers, Set<String> volumes,
            Long gracePeriod,
                                                       String path) {
        if (containers.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String containerPath = path + "[" + i + "]";
            errors.addAll(ContainerValidation.validateCommon(container, volumes, containerPath));
            if (!names.add(text(container.getName()))) {
                errors.add(FieldError.duplicate(containerPath + ".name", text(container.getName())));
            }
            errors.addAll(ContainerValidation.validateProbesAndLifecycle(container, gracePeriod, containerPath));
            if (container.getRestartPolicy() != null) {
                errors.add(FieldError.forbidden(containerPath + ".restartPolicy",
                        "may not be set for non-init containers"));
            }
        }
        errors.addAll(ContainerValidation.validateHostPortsUnique(containers, path));
        return errors;
    }

    /** Init containers; they run one by one, and may use probes only as sidecars (restartPolicy Always). */
    private static List<FieldError> validateInitContainers(List<Container> containers, List<Container> regular,
                                                           Set<String> volumes, Long gracePeriod, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        regular.forEach(container -> names.add(text(container.getName())));
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String containerPath = path + "[" + i + "]";
            errors.addAll(ContainerValidation.validateCommon(container, volumes, containerPath));
            boolean sidecar = "Always".equals(container.getRestartPolicy());
            if (container.getRestartPolicy() != null && !sidecar) {
                errors.add(FieldError.notSupported(containerPath + ".restartPolicy", container.getRestartPolicy(),
                        List.of("Always")));
            }
            String name = text(container.getName());
            if (names.contains(name)) {
                errors.add(FieldError.duplicate(containerPath + ".name", name));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
            errors.addAll(ContainerValidation.validateHostPortsUnique(List.of(container), path));
            if (sidecar) {
                errors.addAll(ContainerValidation.validateProbesAndLifecycle(container, gracePeriod, containerPath));
            } else {
                String reason = "may not be set for init containers without restartPolicy=Always";
                if (container.getLifecycle() != null) {
                    errors.add(FieldError.forbidden(containerPath + ".lifecycle", reason));
                }
                if (container.getLivenessProbe() != null) {
                    errors.add(FieldError.forbidden(containerPath + ".livenessProbe", reason));
                }
                if (container.getReadinessProbe() != null) {
                    errors.add(FieldError.forbidden(containerPath + ".readinessProbe", reason));
                }
                if (container.getStartupProbe() != null) {
                    errors.add(FieldError.forbidden(containerPath + ".startupProbe", reason));
                }
            }
        }
        return errors;
    }

    /**
     * With hostNetwork a container's host port is its container port. A pod must say so (defaults fill it in);
     * a template may leave it 0 for the pod's defaults to fill.
     */
    private static List<FieldError> validateHostNetworkPorts(PodSpec spec, String path, boolean inPod) {
        List<FieldError> errors = new ArrayList<>();
        if (!Boolean.TRUE.equals(spec.getHostNetwork())) {
            return errors;
        }
        List<Container> containers = list(spec.getContainers());
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = list(containers.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                int hostPort = ports.get(j).getHostPort() == null ? 0 : ports.get(j).getHostPort();
                int containerPort = ports.get(j).getContainerPort() == null ? 0 : ports.get(j).getContainerPort();
                if ((inPod || hostPort != 0) && hostPort != containerPort) {
                    errors.add(FieldError.invalid(path + ".containers[" + i + "].ports[" + j + "].hostPort", hostPort,
                            "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
        return errors;
    }

    private static List<FieldError> validateDnsConfig(PodDNSConfig config, String dnsPolicy, String path) {
        List<FieldError> errors = new ArrayList<>();
        if ("None".equals(dnsPolicy)) {
            if (config == null) {
                return List.of(FieldError.required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
            }
            if (list(config.getNameservers()).isEmpty()) {
                return List.of(FieldError.required(path + ".nameservers",
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
        }
        if (config == null) {
            return errors;
        }
        List<String> nameservers = list(config.getNameservers());
        if (nameservers.size() > MAX_DNS_NAMESERVERS) {
            errors.add(FieldError.invalid(path + ".nameservers", nameservers,
                    "must not have more than " + MAX_DNS_NAMESERVERS + " nameservers"));
        }
        for (int i = 0; i < nameservers.size(); i++) {
            errors.addAll(NetworkValidation.ipAddress(nameservers.get(i), path + ".nameservers[" + i + "]"));
        }
        List<String> searches = list(config.getSearches());
        if (searches.size() > MAX_DNS_SEARCH_PATHS) {
            errors.add(FieldError.invalid(path + ".searches", searches,
                    "must not have more than " + MAX_DNS_SEARCH_PATHS + " search paths"));
        }
        if (String.join(" ", searches).length() > MAX_DNS_SEARCH_CHARACTERS) {
            errors.add(FieldError.invalid(path + ".searches", searches, "must not have more than "
                    + MAX_DNS_SEARCH_CHARACTERS + " characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String search = text(searches.get(i));
            String trimmed = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
            String searchPath = path + ".searches[" + i + "]";
            errors.addAll(FieldError.invalid(searchPath, trimmed, NameValidation.dns1123Subdomain(trimmed)));
        }
        List<PodDNSConfigOption> options = list(config.getOptions());
        for (int i = 0; i < options.size(); i++) {
            if (isEmpty(options.get(i).getName())) {
                errors.add(FieldError.required(path + ".options[" + i + "]", "must not be empty"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateReadinessGates(List<PodReadinessGate> gates, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            errors.addAll(LabelValidation.validateLabelKey(gates.get(i).getConditionType(),
                    path + "[" + i + "].conditionType"));
        }
        return errors;
    }

    private static List<FieldError> validateSchedulingGates(List<PodSchedulingGate> gates, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < gates.size(); i++) {
            String name = text(gates.get(i).getName());
            errors.addAll(LabelValidation.validateLabelKey(name, path + "[" + i + "]"));
            if (!seen.add(name)) {
                errors.add(FieldError.duplicate(path + "[" + i + "]", name));
            }
        }
        return errors;
    }

    private static List<FieldError> validateHostAliases(List<HostAlias> aliases, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            HostAlias alias = aliases.get(i);
            errors.addAll(NetworkValidation.ipAddress(alias.getIp(), path + "[" + i + "].ip"));
            List<String> hostnames = list(alias.getHostnames());
            for (int j = 0; j < hostnames.size(); j++) {
                String hostname = text(hostnames.get(j));
                String hostnamePath = path + "[" + i + "].hostnames[" + j + "]";
                errors.addAll(FieldError.invalid(hostnamePath, hostname, NameValidation.dns1123Subdomain(hostname)));
            }
        }
        return errors;
    }

    /** A name that may be left empty, but must follow {@code rule} when given. */
    private static List<FieldError> validateOptionalName(String value, NameRule rule, String path) {
        if (isEmpty(value)) {
            return List.of();
        }
        return FieldError.invalid(path, value, rule.validate(value, false));
    }
}
