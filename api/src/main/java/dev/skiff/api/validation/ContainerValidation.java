package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/** One container of a pod spec: name, image, ports, environment, mounts, probes, resources. */
final class ContainerValidation {

    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> HTTP_SCHEMES = List.of("HTTP", "HTTPS");
    private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
            "status.podIPs");
    private static final List<String> ENV_RESOURCES = List.of("limits.cpu", "limits.ephemeral-storage",
            "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory");
    private static final Pattern SUBSCRIPTED_FIELD_PATH =
            Pattern.compile("(metadata\\.(?:labels|annotations))\\['(.*)'\\]");
    private static final Pattern HTTP_HEADER_NAME = Pattern.compile("[-A-Za-z0-9]+");

    private ContainerValidation() {
    }

    /** What every container (regular or init) must satisfy; {@code volumes} are the pod's valid volume names. */
    static List<FieldError> validateCommon(Container container, Set<String> volumes, String path) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(container.getName());
        if (name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else {
            errors.addAll(FieldError.invalid(path + ".name", name, NameValidation.dns1123Label(name)));
        }
        if (isEmpty(container.getImage())) {
            errors.add(FieldError.required(path + ".image", ""));
        }
        errors.addAll(FieldValidation.oneOf(container.getTerminationMessagePolicy(), TERMINATION_MESSAGE_POLICIES,
                path + ".terminationMessagePolicy"));
        errors.addAll(validatePorts(list(container.getPorts()), path + ".ports"));
        errors.addAll(validateEnv(list(container.getEnv()), path + ".env"));
        errors.addAll(validateEnvFrom(list(container.getEnvFrom()), path + ".envFrom"));
        errors.addAll(validateVolumeMounts(list(container.getVolumeMounts()), volumes, path + ".volumeMounts"));
        errors.addAll(FieldValidation.oneOf(container.getImagePullPolicy(), PULL_POLICIES, path + ".imagePullPolicy"));
        errors.addAll(ResourceRequirementsValidation.validate(container.getResources(), path + ".resources"));
        return errors;
    }

    /**
     * Probes and lifecycle hooks, allowed on regular containers and on init containers that restart always;
     * {@code gracePeriod} is the pod's terminationGracePeriodSeconds, which bounds sleep actions.
     */
    static List<FieldError> validateProbesAndLifecycle(Container container, Long gracePeriod, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (container.getLifecycle() != null) {
            LifecycleHandler postStart = container.getLifecycle().getPostStart();
            LifecycleHandler preStop = container.getLifecycle().getPreStop();
            if (postStart != null) {
                errors.addAll(validateHandler(postStart.getExec(), postStart.getHttpGet(), postStart.getTcpSocket(),
                        null, postStart.getSleep(), gracePeriod, path + ".lifecycle.postStart"));
            }
            if (preStop != null) {
                errors.addAll(validateHandler(preStop.getExec(), preStop.getHttpGet(), preStop.getTcpSocket(),
                        null, preStop.getSleep(), gracePeriod, path + ".lifecycle.preStop"));
            }
        }
        Probe liveness = container.getLivenessProbe();
        Probe readiness = container.getReadinessProbe();
        Probe startup = container.getStartupProbe();
        if (liveness != null) {
            errors.addAll(validateProbe(liveness, path + ".livenessProbe"));
            errors.addAll(successThresholdIsOne(liveness, path + ".livenessProbe"));
        }
        if (readiness != null) {
            errors.addAll(validateProbe(readiness, path + ".readinessProbe"));
            if (readiness.getTerminationGracePeriodSeconds() != null) {
                errors.add(FieldError.invalid(path + ".readinessProbe.terminationGracePeriodSeconds",
                        readiness.getTerminationGracePeriodSeconds(), "must not be set for readinessProbes"));
            }
        }
        if (startup != null) {
            errors.addAll(validateProbe(startup, path + ".startupProbe"));
            errors.addAll(successThresholdIsOne(startup, path + ".startupProbe"));
        }
        return errors;
    }

    /** No two of {@code containers} may claim the same host port (protocol, host IP and port number). */
    static List<FieldError> validateHostPortsUnique(List<Container> containers, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = list(containers.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort port = ports.get(j);
                if (port.getHostPort() == null || port.getHostPort() == 0) {
                    continue;
                }
                String key = text(port.getProtocol()) + "/" + text(port.getHostIP()) + "/" + port.getHostPort();
                if (!claimed.add(key)) {
                    errors.add(FieldError.duplicate(path + "[" + i + "].ports[" + j + "].hostPort", key));
                }
            }
        }
        return errors;
    }

    private static List<FieldError> validatePorts(List<ContainerPort> ports, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String portPath = path + "[" + i + "]";
            String name = text(port.getName());
            if (!name.isEmpty()) {
                List<String> messages = NetworkValidation.portName(name);
                if (!messages.isEmpty()) {
                    errors.addAll(FieldError.invalid(portPath + ".name", name, messages));
                } else if (!names.add(name)) {
                    errors.add(FieldError.duplicate(portPath + ".name", name));
                }
            }
            Integer containerPort = port.getContainerPort();
            if (containerPort == null || containerPort == 0) {
                errors.add(FieldError.required(portPath + ".containerPort", ""));
            } else {
                errors.addAll(FieldError.invalid(portPath + ".containerPort", containerPort,
                        NetworkValidation.portNumber(containerPort)));
            }
            Integer hostPort = port.getHostPort();
            if (hostPort != null && hostPort != 0) {
                errors.addAll(FieldError.invalid(portPath + ".hostPort", hostPort,
                        NetworkValidation.portNumber(hostPort)));
            }
            errors.addAll(NetworkValidation.protocol(port.getProtocol(), portPath + ".protocol"));
        }
        return errors;
    }

    private static List<FieldError> validateEnv(List<EnvVar> variables, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            EnvVar variable = variables.get(i);
            String variablePath = path + "[" + i + "]";
            String name = text(variable.getName());
            if (name.isEmpty()) {
                errors.add(FieldError.required(variablePath + ".name", ""));
            } else {
                errors.addAll(FieldError.invalid(variablePath + ".name", name, NameValidation.envVarName(name)));
            }
            if (variable.getValueFrom() != null) {
                errors.addAll(validateValueFrom(variable.getValueFrom(), !isEmpty(variable.getValue()),
                        variablePath + ".valueFrom"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateValueFrom(EnvVarSource source, boolean hasValue, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (source.getFieldRef() != null) {
            errors.addAll(validateFieldRef(source.getFieldRef(), path + ".fieldRef"));
        }
        if (source.getResourceFieldRef() != null) {
            errors.addAll(validateResourceFieldRef(source.getResourceFieldRef(), path + ".resourceFieldRef"));
        }
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            errors.addAll(validateKeySelector(ref.getName(), ref.getKey(), path + ".configMapKeyRef"));
        }
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            errors.addAll(validateKeySelector(ref.getName(), ref.getKey(), path + ".secretKeyRef"));
        }
        long sources = Stream.of(source.getFieldRef(), source.getResourceFieldRef(), source.getConfigMapKeyRef(),
                source.getSecretKeyRef(), source.getFileKeyRef()).filter(Objects::nonNull).count();
        if (sources == 0) {
            errors.add(FieldError.invalid(path, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (hasValue) {
            errors.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errors.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errors;
    }

    private static List<FieldError> validateFieldRef(ObjectFieldSelector selector, String path) {
        if (isEmpty(selector.getApiVersion())) {
            return List.of(FieldError.required(path + ".apiVersion", ""));
        }
        String fieldPath = text(selector.getFieldPath());
        if (fieldPath.isEmpty()) {
            return List.of(FieldError.required(path + ".fieldPath", ""));
        }
        if (!selector.getApiVersion().equals("v1")) {
            return List.of(FieldError.invalid(path + ".fieldPath", fieldPath,
                    "error converting fieldPath: unsupported pod version: " + selector.getApiVersion()));
        }
        Matcher subscripted = SUBSCRIPTED_FIELD_PATH.matcher(fieldPath);
        if (subscripted.matches()) {
            String key = subscripted.group(1).equals("metadata.annotations")
                    ? subscripted.group(2).toLowerCase(Locale.ROOT) : subscripted.group(2);
            return LabelValidation.validateLabelKey(key, path);
        }
        return ENV_FIELD_PATHS.contains(fieldPath) ? List.of()
                : List.of(FieldError.notSupported(path + ".fieldPath", fieldPath, ENV_FIELD_PATHS));
    }

    private static List<FieldError> validateResourceFieldRef(ResourceFieldSelector selector, String path) {
        String resource = text(selector.getResource());
        if (resource.isEmpty()) {
            return List.of(FieldError.required(path + ".resource", ""));
        }
        boolean hugePages = resource.startsWith("requests.hugepages-") || resource.startsWith("limits.hugepages-");
        return ENV_RESOURCES.contains(resource) || hugePages ? List.of()
                : List.of(FieldError.notSupported(path + ".resource", resource, ENV_RESOURCES));
    }

    private static List<FieldError> validateKeySelector(String name, String key, String path) {
        List<FieldError> errors = new ArrayList<>();
        String n = text(name);
        errors.addAll(FieldError.invalid(path + ".name", n, NameRule.DNS1123_SUBDOMAIN.validate(n, false)));
        if (isEmpty(key)) {
            errors.add(FieldError.required(path + ".key", ""));
        } else {
            errors.addAll(FieldError.invalid(path + ".key", key, NameValidation.configMapKey(key)));
        }
        return errors;
    }

    private static List<FieldError> validateEnvFrom(List<EnvFromSource> sources, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            EnvFromSource source = sources.get(i);
            String sourcePath = path + "[" + i + "]";
            String prefix = text(source.getPrefix());
            if (!prefix.isEmpty()) {
                errors.addAll(FieldError.invalid(sourcePath + ".prefix", prefix, NameValidation.envVarName(prefix)));
            }
            if (source.getConfigMapRef() != null) {
                errors.addAll(validateReferencedName(source.getConfigMapRef().getName(),
                        sourcePath + ".configMapRef.name"));
            }
            if (source.getSecretRef() != null) {
                errors.addAll(validateReferencedName(source.getSecretRef().getName(), sourcePath + ".secretRef.name"));
            }
            if (source.getConfigMapRef() == null && source.getSecretRef() == null) {
                errors.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (source.getConfigMapRef() != null && source.getSecretRef() != null) {
                errors.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateReferencedName(String name, String path) {
        if (isEmpty(name)) {
            return List.of(FieldError.required(path, ""));
        }
        return FieldError.invalid(path, name, NameRule.DNS1123_SUBDOMAIN.validate(name, true));
    }

    private static List<FieldError> validateVolumeMounts(List<VolumeMount> mounts, Set<String> volumes, String path) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount mount = mounts.get(i);
            String mountPath = path + "[" + i + "]";
            String name = text(mount.getName());
            if (name.isEmpty()) {
                errors.add(FieldError.required(mountPath + ".name", ""));
            }
            if (!volumes.contains(name)) {
                errors.add(FieldError.notFound(mountPath + ".name", name));
            }
            String target = text(mount.getMountPath());
            if (target.isEmpty()) {
                errors.add(FieldError.required(mountPath + ".mountPath", ""));
            }
            if (!mountPaths.add(target)) {
                errors.add(FieldError.invalid(mountPath + ".mountPath", target, "must be unique"));
            }
            if (!isEmpty(mount.getSubPath())) {
                errors.addAll(PathValidation.localDescendingPath(mount.getSubPath(), path + ".subPath"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateProbe(Probe probe, String path) {
        List<FieldError> errors = new ArrayList<>(validateHandler(probe.getExec(), probe.getHttpGet(),
                probe.getTcpSocket(), probe.getGrpc(), null, null, path));
        errors.addAll(FieldValidation.nonNegative(probe.getInitialDelaySeconds(), path + ".initialDelaySeconds"));
        errors.addAll(FieldValidation.nonNegative(probe.getTimeoutSeconds(), path + ".timeoutSeconds"));
        errors.addAll(FieldValidation.nonNegative(probe.getPeriodSeconds(), path + ".periodSeconds"));
        errors.addAll(FieldValidation.nonNegative(probe.getSuccessThreshold(), path + ".successThreshold"));
        errors.addAll(FieldValidation.nonNegative(probe.getFailureThreshold(), path + ".failureThreshold"));
        if (probe.getTerminationGracePeriodSeconds() != null && probe.getTerminationGracePeriodSeconds() <= 0) {
            errors.add(FieldError.invalid(path + ".terminationGracePeriodSeconds",
                    probe.getTerminationGracePeriodSeconds(), "must be greater than 0"));
        }
        return errors;
    }

    private static List<FieldError> successThresholdIsOne(Probe probe, String path) {
        Integer threshold = probe.getSuccessThreshold();
        return threshold == null || threshold == 1 ? List.of()
                : List.of(FieldError.invalid(path + ".successThreshold", threshold, "must be 1"));
    }

    /** Exactly one action: exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle hooks). */
    private static List<FieldError> validateHandler(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket,
                                                    GRPCAction grpc, SleepAction sleep, Long gracePeriod, String path) {
        Map<String, Supplier<List<FieldError>>> actions = new LinkedHashMap<>();
        if (exec != null) {
            actions.put("exec", () -> list(exec.getCommand()).isEmpty()
                    ? List.of(FieldError.required(path + ".exec.command", "")) : List.of());
        }
        if (httpGet != null) {
            actions.put("httpGet", () -> validateHttpGet(httpGet, path + ".httpGet"));
        }
        if (tcpSocket != null) {
            actions.put("tcpSocket", () -> NetworkValidation.portNumberOrName(tcpSocket.getPort(),
                    path + ".tcpSocket.port"));
        }
        if (grpc != null) {
            int port = grpc.getPort() == null ? 0 : grpc.getPort();
            actions.put("grpc", () -> FieldError.invalid(path + ".grpc.port", port,
                    NetworkValidation.portNumber(port)));
        }
        if (sleep != null) {
            long seconds = sleep.getSeconds() == null ? 0 : sleep.getSeconds();
            actions.put("sleep", () -> gracePeriod != null && (seconds < 0 || seconds > gracePeriod)
                    ? List.of(FieldError.invalid(path + ".sleep", seconds,
                    "must be non-negative and less than terminationGracePeriodSeconds (" + gracePeriod + ")"))
                    : List.of());
        }
        if (actions.isEmpty()) {
            return List.of(FieldError.required(path, "must specify a handler type"));
        }
        List<FieldError> errors = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, Supplier<List<FieldError>>> action : actions.entrySet()) {
            if (first) {
                errors.addAll(action.getValue().get());
            } else {
                errors.add(FieldError.forbidden(path + "." + action.getKey(),
                        "may not specify more than 1 handler type"));
            }
            first = false;
        }
        return errors;
    }

    private static List<FieldError> validateHttpGet(HTTPGetAction action, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (isEmpty(action.getPath())) {
            errors.add(FieldError.required(path + ".path", ""));
        }
        errors.addAll(NetworkValidation.portNumberOrName(action.getPort(), path + ".port"));
        String scheme = text(action.getScheme());
        if (!HTTP_SCHEMES.contains(scheme)) {
            errors.add(FieldError.notSupported(path + ".scheme", scheme, HTTP_SCHEMES));
        }
        for (HTTPHeader header : list(action.getHttpHeaders())) {
            String name = text(header.getName());
            if (!HTTP_HEADER_NAME.matcher(name).matches()) {
                errors.add(FieldError.invalid(path + ".httpHeaders", name, NameValidation.regexError(
                        "a valid HTTP header must consist of alphanumeric characters or '-'",
                                HTTP_HEADER_NAME.pattern(),
                        "X-Header-Name")));
            }
        }
        return errors;
    }
}
