package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.List;
import java.util.Map;

/** Services and pods for the endpoints unit tests. */
final class EndpointsFixtures {

    static final String NS = "shop";

    private EndpointsFixtures() {
    }

    static Service service(String name, ServicePort... ports) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(NS).withName(name).withLabels(Map.of("team", "web")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", name)).withPorts(ports).endSpec()
                .build();
    }

    static ServicePort port(String name, int port, IntOrString target) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP").withTargetPort(target).build();
    }

    /** A running pod with the IP, ready or not, whose one container offers the named ports ({@code name=number}). */
    static Pod pod(String name, String app, String ip, boolean ready, Map<String, Integer> namedPorts) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(NS).withName(name).withUid("uid-" + name).withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().withNodeName("node-1")
                    .addNewContainer().withName("main").withImage("busybox")
                        .withPorts(namedPorts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                .map(e -> new ContainerPortBuilder().withName(e.getKey()).withContainerPort(e.getValue())
                                        .withProtocol("TCP").build())
                                .toList())
                    .endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    static List<String> ips(List<io.fabric8.kubernetes.api.model.EndpointAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(io.fabric8.kubernetes.api.model.EndpointAddress::getIp).toList();
    }
}
