package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;

import java.util.List;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;

/**
 * Service defaults: type ClusterIP, no session affinity (3 hours when ClientIP), TCP ports targeting the same
 * port number, traffic policies "Cluster", and clusterIP and clusterIPs kept in step.
 */
public final class ServiceDefaults {

    private static final int DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private ServiceDefaults() {
    }

    public static void apply(Service service) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        if (isEmpty(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        } else if (spec.getSessionAffinity().equals("ClientIP")) {
            applyClientIPTimeout(spec);
        }
        if (isEmpty(spec.getType())) {
            spec.setType("ClusterIP");
        }
        for (ServicePort port : list(spec.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
            if (isUnset(port.getTargetPort())) {
                port.setTargetPort(new IntOrString(port.getPort()));
            }
        }
        String type = spec.getType();
        boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
                || (type.equals("ClusterIP") && !list(spec.getExternalIPs()).isEmpty());
        if (externallyAccessible && isEmpty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null && List.of("ClusterIP", "NodePort",
                "LoadBalancer").contains(type)) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
        // Old clients set only clusterIP, new ones may set only clusterIPs: make the two agree.
        if (!isEmpty(spec.getClusterIP()) && list(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIPs(List.of(spec.getClusterIP()));
        } else if (isEmpty(spec.getClusterIP()) && !list(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIP(spec.getClusterIPs().get(0));
        }
    }

    private static void applyClientIPTimeout(ServiceSpec spec) {
        if (spec.getSessionAffinityConfig() == null) {
            spec.setSessionAffinityConfig(new SessionAffinityConfig());
        }
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        if (config.getClientIP() == null) {
            config.setClientIP(new ClientIPConfig());
        }
        if (config.getClientIP().getTimeoutSeconds() == null) {
            config.getClientIP().setTimeoutSeconds(DEFAULT_CLIENT_IP_TIMEOUT_SECONDS);
        }
    }

    /** An absent target port, 0 or "" (Kubernetes treats the three alike). */
    private static boolean isUnset(IntOrString port) {
        return port == null || (port.getIntVal() == null && isEmpty(port.getStrVal()))
                || (port.getIntVal() != null && port.getIntVal() == 0);
    }
}
