package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The port a service port reaches on one pod, as Kubernetes' {@code FindPort}: a numeric
 * {@code targetPort} is taken as it is (an unset one is the service port itself); a named one is
 * looked up among the ports of the pod's containers (and sidecars: init containers that keep
 * running) with the same name and protocol. A pod without such a port has none.
 */
final class TargetPorts {

    private static final String DEFAULT_PROTOCOL = "TCP";

    private TargetPorts() {
    }

    static OptionalInt resolve(Pod pod, ServicePort servicePort) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)
                || (target.getIntVal() != null && target.getIntVal() == 0)) {
            return servicePort.getPort() == null ? OptionalInt.empty() : OptionalInt.of(servicePort.getPort());
        }
        if (target.getIntVal() != null) {
            return OptionalInt.of(target.getIntVal());
        }
        String name = target.getStrVal();
        String protocol = protocolOf(servicePort.getProtocol());
        for (Container container : containers(pod)) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if (name.equals(port.getName()) && protocol.equals(protocolOf(port.getProtocol()))
                        && port.getContainerPort() != null) {
                    return OptionalInt.of(port.getContainerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    private static List<Container> containers(Pod pod) {
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() == null) {
            return containers;
        }
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().stream()
                    .filter(init -> "Always".equals(init.getRestartPolicy()))
                    .forEach(containers::add);
        }
        return containers;
    }

    private static String protocolOf(String protocol) {
        return protocol == null || protocol.isEmpty() ? DEFAULT_PROTOCOL : protocol;
    }
}
