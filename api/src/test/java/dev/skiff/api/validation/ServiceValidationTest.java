package dev.skiff.api.validation;

import dev.skiff.api.defaults.ServiceDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static dev.skiff.api.validation.TestObjects.read;
import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceValidationTest {

    private static Service service(Consumer<Service> change) {
        Service service = read("""
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  clusterIP: 10.96.0.10
                  ports: [{name: http, port: 80, targetPort: http}]
                """, Service.class);
        change.accept(service);
        ServiceDefaults.apply(service);
        return service;
    }

    private static List<String> errors(Consumer<Service> change) {
        return render(ServiceValidation.validate(service(change)));
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).build();
    }

    @Test
    void aValidServicePasses() {
        assertThat(errors(s -> { })).isEmpty();
    }

    @Test
    void namesAreDns1035Labels() {
        assertThat(errors(s -> s.getMetadata().setName("1web"))).singleElement().asString()
                .startsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case");
    }

    @Test
    void portsAreRequiredExceptForHeadlessAndExternalNameServices() {
        assertThat(errors(s -> s.getSpec().setPorts(List.of()))).containsExactly("spec.ports: Required value");
        assertThat(errors(s -> {
            s.getSpec().setPorts(List.of());
            s.getSpec().setClusterIP("None");
        })).isEmpty();
        assertThat(errors(s -> {
            s.getSpec().setPorts(List.of());
            s.getSpec().setClusterIP(null);
            s.getSpec().setType("ExternalName");
            s.getSpec().setExternalName("db.example.com.");
        })).isEmpty();
    }

    @Test
    void severalPortsNeedUniqueNames() {
        assertThat(errors(s -> s.getSpec().setPorts(List.of(port("http", 80), port("", 443)))))
                .containsExactly("spec.ports[1].name: Required value");
        assertThat(errors(s -> s.getSpec().setPorts(List.of(port("http", 80), port("http", 443)))))
                .containsExactly("spec.ports[1].name: Duplicate value: \"http\"");
        assertThat(errors(s -> s.getSpec().setPorts(List.of(port("a", 80), port("b", 80))))).containsExactly(
                "spec.ports[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}");
    }

    @Test
    void portNumbersAndTargets() {
        assertThat(errors(s -> s.getSpec().getPorts().get(0).setPort(0)))
                .contains("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        assertThat(errors(s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString(70000))))
                .containsExactly("spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
        assertThat(errors(s -> s.getSpec().getPorts().get(0).setNodePort(30080)))
                .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        assertThat(errors(s -> {
            s.getSpec().setType("NodePort");
            s.getSpec().getPorts().get(0).setNodePort(30080);
        })).isEmpty();
    }

    @Test
    void typeAndAffinity() {
        assertThat(errors(s -> s.getSpec().setType("Internal"))).containsExactly(
                "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", "
                        + "\"LoadBalancer\", \"NodePort\"");
        assertThat(errors(s -> s.getSpec().setSessionAffinity("Sticky"))).containsExactly(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
        assertThat(errors(s -> s.getSpec().setSessionAffinity("ClientIP"))).isEmpty();
    }

    @Test
    void headlessServicesCannotBeNodePorts() {
        assertThat(errors(s -> {
            s.getSpec().setClusterIP("None");
            s.getSpec().setType("NodePort");
        })).containsExactly("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    }

    @Test
    void externalNamesAreDnsNames() {
        assertThat(errors(s -> {
            s.getSpec().setClusterIP(null);
            s.getSpec().setType("ExternalName");
        })).containsExactly("spec.externalName: Required value");
        assertThat(errors(s -> s.getSpec().setType("ExternalName"))).contains(
                "spec.clusterIPs: Forbidden: may not be set for ExternalName services");
    }

    @Test
    void clusterIPsAreAddresses() {
        assertThat(errors(s -> s.getSpec().setClusterIP("10.96.0.300"))).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        Service mismatched = service(s -> { });
        mismatched.getSpec().setClusterIPs(List.of("10.96.0.11"));
        assertThat(render(ServiceValidation.validate(mismatched))).containsExactly(
                "spec.clusterIPs: Invalid value: []string{\"10.96.0.11\"}: first value must match `clusterIP`");
    }

    @Test
    void clusterIPsDoNotChange() {
        Service old = service(s -> { });
        assertThat(ServiceValidation.validateUpdate(service(s -> s.getSpec().setSelector(null)), old)).isEmpty();
        assertThat(render(ServiceValidation.validateUpdate(service(s -> s.getSpec().setClusterIP("10.96.0.11")), old)))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set");
        assertThat(render(ServiceValidation.validateUpdate(service(s -> s.getSpec().setClusterIP(null)), old)))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{}: primary clusterIP can not be unset");
    }

    @Test
    void externalTrafficPolicyOnlyForExternallyAccessibleServices() {
        assertThat(errors(s -> s.getSpec().setExternalTrafficPolicy("Local"))).containsExactly(
                "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services");
        assertThat(errors(s -> {
            s.getSpec().setType("LoadBalancer");
            s.getSpec().setExternalTrafficPolicy("Nearest");
        })).containsExactly("spec.externalTrafficPolicy: Unsupported value: \"Nearest\": supported values: \"Cluster\", \"Local\"");
    }

    @Test
    void clientIpAffinityTimeout() {
        assertThat(errors(s -> {
            s.getSpec().setSessionAffinity("ClientIP");
            s.getSpec().setSessionAffinityConfig(new SessionAffinityConfigBuilder().withNewClientIP()
                    .withTimeoutSeconds(90000).endClientIP().build());
        })).containsExactly("spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: "
                + "must be greater than 0 and less than 86400");
    }

    @Test
    void trafficPoliciesAndLoadBalancerFields() {
        Service service = service(s -> { });
        service.getSpec().setInternalTrafficPolicy("Nearby");
        service.getSpec().setAllocateLoadBalancerNodePorts(true);
        assertThat(render(ServiceValidation.validate(service))).containsExactly(
                "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
                "spec.internalTrafficPolicy: Unsupported value: \"Nearby\": supported values: \"Cluster\", \"Local\"");
        service.getSpec().setInternalTrafficPolicy(null);
        service.getSpec().setAllocateLoadBalancerNodePorts(null);
        assertThat(render(ServiceValidation.validate(service))).containsExactly("spec.internalTrafficPolicy: Required value");
    }

    @Test
    void ipFamiliesAndExternalIps() {
        assertThat(errors(s -> s.getSpec().setExternalIPs(List.of("192.0.2.10")))).isEmpty();
        assertThat(errors(s -> {
            s.getSpec().setIpFamilies(List.of("IPv5"));
            s.getSpec().setExternalIPs(List.of("127.0.0.1", "nope"));
        })).containsExactly(
                "spec.ipFamilies[0]: Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"",
                "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
                "spec.externalIPs[1]: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
}
