package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/**
 * Services. Cluster IPs and node ports are allocated by the api-server before validation, as in Kubernetes;
 * on update it carries the allocated values over when the client left them out.
 */
public final class ServiceValidation {

    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    private static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

    private ServiceValidation() {
    }

    public static List<FieldError> validate(Service service) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(service.getMetadata(), true,
                NameRule.DNS1035_LABEL));
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        String type = text(spec.getType());
        List<ServicePort> ports = list(spec.getPorts());
        if (ports.isEmpty() && !isHeadless(spec) && !type.equals("ExternalName")) {
            errors.add(FieldError.required("spec.ports", ""));
        }
        errors.addAll(validateForType(spec, type));
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errors.addAll(validatePort(ports.get(i), ports.size() > 1, portNames, "spec.ports[" + i + "]"));
        }
        errors.addAll(LabelValidation.validateLabels(spec.getSelector(), "spec.selector"));
        errors.addAll(validateSessionAffinity(spec));
        errors.addAll(validateClusterIPs(spec, type));
        List<String> externalIPs = list(spec.getExternalIPs());
        for (int i = 0; i < externalIPs.size(); i++) {
            String path = "spec.externalIPs[" + i + "]";
            List<FieldError> ipErrors = NetworkValidation.ipAddress(externalIPs.get(i), path);
            errors.addAll(ipErrors.isEmpty() ? NetworkValidation.nonSpecialIpAddress(externalIPs.get(i), path)
                    : ipErrors);
        }
        errors.addAll(FieldValidation.oneOf(spec.getType(), TYPES, "spec.type"));
        errors.addAll(validateUniquePorts(ports, type));
        if (spec.getAllocateLoadBalancerNodePorts() != null && !type.equals("LoadBalancer")) {
            errors.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts",
                    "may only be used when `type` is 'LoadBalancer'"));
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            // Kubernetes names this path without "spec.".
            errors.add(FieldError.required("allocateLoadBalancerNodePorts", ""));
        }
        errors.addAll(validateTrafficPolicies(spec, type));
        return errors;
    }

    /** As {@link #validate}, and a cluster IP, once allocated, stays. */
    public static List<FieldError> validateUpdate(Service service, Service old) {
        List<FieldError> errors = validate(service);
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        ServiceSpec oldSpec = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
        if ("ExternalName".equals(spec.getType()) || "ExternalName".equals(oldSpec.getType())
                || (isHeadless(spec) && isHeadless(oldSpec))) {
            return errors;
        }
        List<String> ips = list(spec.getClusterIPs());
        List<String> oldIps = list(oldSpec.getClusterIPs());
        if (ips.isEmpty() && !oldIps.isEmpty()) {
            errors.add(FieldError.invalid("spec.clusterIPs[0]", ips, "primary clusterIP can not be unset"));
            return errors;
        }
        for (int i = 0; i < Math.min(ips.size(), oldIps.size()); i++) {
            if (!ips.get(i).equals(oldIps.get(i))) {
                errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ips, "may not change once set"));
            }
        }
        return errors;
    }

    private static boolean isHeadless(ServiceSpec spec) {
        List<String> ips = list(spec.getClusterIPs());
        return ips.size() == 1 && "None".equals(ips.get(0));
    }

    private static List<FieldError> validateForType(ServiceSpec spec, String type) {
        List<FieldError> errors = new ArrayList<>();
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                if (isHeadless(spec)) {
                    errors.add(FieldError.invalid("spec.clusterIPs[0]", "None",
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> {
                if (!list(spec.getClusterIPs()).isEmpty()) {
                    errors.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                }
                if (!list(spec.getIpFamilies()).isEmpty()) {
                    errors.add(FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
                }
                if (spec.getIpFamilyPolicy() != null) {
                    errors.add(FieldError.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
                }
                // The name (a CNAME) may end in a dot to mark it fully qualified.
                String name = text(spec.getExternalName());
                String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
                if (cname.isEmpty()) {
                    errors.add(FieldError.required("spec.externalName", ""));
                } else {
                    errors.addAll(FieldError.invalid("spec.externalName", cname,
                            NameValidation.dns1123Subdomain(cname)));
                }
            }
            default -> {
            }
        }
        return errors;
    }

    private static List<FieldError> validatePort(ServicePort port, boolean nameRequired, Set<String> names,
            String path) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(port.getName());
        if (nameRequired && name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else if (!name.isEmpty()) {
            errors.addAll(FieldError.invalid(path + ".name", name, NameValidation.dns1123Label(name)));
            if (!names.add(name)) {
                errors.add(FieldError.duplicate(path + ".name", name));
            }
        }
        int number = port.getPort() == null ? 0 : port.getPort();
        errors.addAll(FieldError.invalid(path + ".port", number, NetworkValidation.portNumber(number)));
        errors.addAll(NetworkValidation.protocol(port.getProtocol(), path + ".protocol"));
        errors.addAll(NetworkValidation.portNumberOrName(port.getTargetPort(), path + ".targetPort"));
        if (port.getAppProtocol() != null) {
            errors.addAll(LabelValidation.validateLabelKey(port.getAppProtocol(), path + ".appProtocol"));
        }
        return errors;
    }

    private static List<FieldError> validateSessionAffinity(ServiceSpec spec) {
        String affinity = text(spec.getSessionAffinity());
        List<FieldError> errors = new ArrayList<>(FieldValidation.oneOf(affinity, SESSION_AFFINITIES,
                "spec.sessionAffinity"));
        String path = "spec.sessionAffinityConfig";
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        if (affinity.equals("None") && config != null) {
            errors.add(FieldError.forbidden(path, "must not be set when session affinity is None"));
        } else if (affinity.equals("ClientIP")) {
            String when = "when session affinity type is ClientIP";
            ClientIPConfig clientIP = config == null ? null : config.getClientIP();
            if (config == null) {
                errors.add(FieldError.required(path, when));
            } else if (clientIP == null) {
                errors.add(FieldError.required(path + ".clientIP", when));
            } else if (clientIP.getTimeoutSeconds() == null) {
                errors.add(FieldError.required(path + ".clientIP.timeoutSeconds", when));
            } else if (clientIP.getTimeoutSeconds() <= 0
                    || clientIP.getTimeoutSeconds() > MAX_CLIENT_IP_AFFINITY_SECONDS) {
                errors.add(FieldError.invalid(path + ".clientIP.timeoutSeconds", clientIP.getTimeoutSeconds(),
                        "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
            }
        }
        return errors;
    }

    /** spec.clusterIP and spec.clusterIPs agree, and each is an IP address (or "None", alone). */
    private static List<FieldError> validateClusterIPs(ServiceSpec spec, String type) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ips = list(spec.getClusterIPs());
        if (!isEmpty(spec.getClusterIP())) {
            if (ips.isEmpty()) {
                errors.add(FieldError.required("spec.clusterIPs", ""));
            } else if (!ips.get(0).equals(spec.getClusterIP())) {
                errors.add(FieldError.invalid("spec.clusterIPs", ips, "first value must match `clusterIP`"));
            }
        } else if (!ips.isEmpty()) {
            errors.add(FieldError.invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified"));
        }
        List<String> families = list(spec.getIpFamilies());
        for (int i = 0; i < families.size(); i++) {
            if (!IP_FAMILIES.contains(families.get(i))) {
                errors.add(FieldError.notSupported("spec.ipFamilies[" + i + "]", families.get(i), IP_FAMILIES));
            }
        }
        if (type.equals("ExternalName")) {
            return errors;
        }
        for (int i = 0; i < ips.size(); i++) {
            if (i == 0 && ips.get(0).equals("None")) {
                if (ips.size() > 1) {
                    errors.add(FieldError.invalid("spec.clusterIPs", ips, "'None' must be the first and only value"));
                }
                continue;
            }
            errors.addAll(NetworkValidation.ipAddress(ips.get(i), "spec.clusterIPs[" + i + "]"));
        }
        return errors;
    }

    /** No two ports with the same number and protocol; the same for node ports, which ClusterIP services lack. */
    private static List<FieldError> validateUniquePorts(List<ServicePort> ports, String type) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> nodePorts = new HashSet<>();
        Set<String> servicePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            int nodePort = port.getNodePort() == null ? 0 : port.getNodePort();
            if (nodePort != 0 && type.equals("ClusterIP")) {
                errors.add(FieldError.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
            }
            if (nodePort != 0 && !nodePorts.add(text(port.getProtocol()) + "/" + nodePort)) {
                errors.add(FieldError.duplicate(path + ".nodePort", nodePort));
            }
            if (!servicePorts.add(text(port.getProtocol()) + "/" + port.getPort())) {
                ServicePort key = new ServicePort();
                key.setPort(port.getPort());
                key.setProtocol(port.getProtocol());
                errors.add(FieldError.duplicate(path, key));
            }
        }
        return errors;
    }

    private static List<FieldError> validateTrafficPolicies(ServiceSpec spec, String type) {
        List<FieldError> errors = new ArrayList<>();
        boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
                || (type.equals("ClusterIP") && !list(spec.getExternalIPs()).isEmpty());
        String external = text(spec.getExternalTrafficPolicy());
        if (!externallyAccessible && !external.isEmpty()) {
            errors.add(FieldError.invalid("spec.externalTrafficPolicy", external,
                    "may only be set for externally-accessible services"));
        } else if (externallyAccessible) {
            errors.addAll(FieldValidation.oneOf(external, TRAFFIC_POLICIES, "spec.externalTrafficPolicy"));
        }
        String internal = spec.getInternalTrafficPolicy();
        if (internal == null && List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
            errors.add(FieldError.required("spec.internalTrafficPolicy", ""));
        } else if (internal != null && !TRAFFIC_POLICIES.contains(internal)) {
            errors.add(FieldError.notSupported("spec.internalTrafficPolicy", internal, TRAFFIC_POLICIES));
        }
        return errors;
    }
}
