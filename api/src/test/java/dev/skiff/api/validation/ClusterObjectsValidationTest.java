package dev.skiff.api.validation;

import dev.skiff.api.defaults.EndpointsDefaults;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.api.validation.TestObjects.read;
import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

/** Namespaces, nodes, endpoints, events and leases. */
class ClusterObjectsValidationTest {

    @Test
    void namespacesHaveDnsLabelNamesAndValidFinalizers() {
        assertThat(NamespaceValidation.validate(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec().build())).isEmpty();
        assertThat(render(NamespaceValidation.validate(new NamespaceBuilder().withNewMetadata().withName("team.a").endMetadata()
                .build()))).containsExactly("metadata.name: Invalid value: \"team.a\": must not contain dots");
        Namespace badFinalizer = new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withFinalizers("cleanup").endSpec().build();
        assertThat(render(NamespaceValidation.validate(badFinalizer))).containsExactly("spec.finalizers: Invalid value: "
                + "\"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
    }

    private static final String NODE = """
            metadata: {name: node-1}
            spec:
              podCIDRs: [10.244.1.0/24]
              providerID: skiff://node-1
              taints: [{key: example.com/gpu, value: "true", effect: NoSchedule}]
            status:
              capacity: {cpu: "4", memory: 8Gi}
              addresses: [{type: InternalIP, address: 192.168.1.10}]
            """;

    @Test
    void nodes() {
        assertThat(NodeValidation.validate(read(NODE, Node.class))).isEmpty();
        Node bad = read(NODE, Node.class);
        bad.getSpec().getTaints().get(0).setEffect("");
        bad.getSpec().getTaints().add(read("{key: example.com/gpu, effect: NoSchedule}", Taint.class));
        bad.getSpec().setPodCIDRs(List.of("10.244.1.0/33"));
        bad.getStatus().getCapacity().put("cpu", new Quantity("-1"));
        assertThat(render(NodeValidation.validate(bad))).containsExactly(
                "metadata.taints[0].effect: Required value",
                "spec.podCIDRs[0]: Invalid value: \"10.244.1.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0");
        Node duplicate = read(NODE, Node.class);
        duplicate.getSpec().getTaints().add(read("{key: example.com/gpu, effect: NoSchedule}", Taint.class));
        assertThat(render(NodeValidation.validate(duplicate))).containsExactly("metadata.taints[1]: Duplicate value: "
                + "{\"effect\":\"NoSchedule\",\"key\":\"example.com/gpu\"}: taints must be unique by key and effect pair");
        Node namespaced = read(NODE, Node.class);
        namespaced.getMetadata().setNamespace("default");
        assertThat(render(NodeValidation.validate(namespaced))).containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void nodeCidrsAndProviderIdAreSetOnce() {
        Node old = read(NODE, Node.class);
        Node changed = read(NODE, Node.class);
        changed.getSpec().setPodCIDRs(List.of("10.244.2.0/24"));
        changed.getSpec().setProviderID("skiff://node-2");
        changed.getSpec().setUnschedulable(true);
        assertThat(render(NodeValidation.validateUpdate(changed, old))).containsExactly(
                "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid",
                "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid");
        Node fresh = read("metadata: {name: node-1}", Node.class);
        assertThat(NodeValidation.validateUpdate(read(NODE, Node.class), fresh)).isEmpty();
    }

    @Test
    void endpoints() {
        Endpoints endpoints = read("""
                metadata: {name: web, namespace: default}
                subsets:
                - addresses: [{ip: 10.244.1.5, nodeName: node-1}]
                  ports: [{name: http, port: 8080}]
                """, Endpoints.class);
        EndpointsDefaults.apply(endpoints);
        assertThat(EndpointsValidation.validate(endpoints)).isEmpty();
        endpoints.getSubsets().get(0).getAddresses().get(0).setIp("127.0.0.1");
        endpoints.getSubsets().get(0).getPorts().add(read("{port: 0, protocol: TCP}", EndpointPort.class));
        assertThat(render(EndpointsValidation.validate(endpoints))).containsExactly(
                "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
                "subsets[0].ports[1].name: Required value",
                "subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        endpoints.getSubsets().get(0).setAddresses(List.of());
        assertThat(render(EndpointsValidation.validate(endpoints))).contains(
                "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`");
    }

    @Test
    void eventsLiveInTheirObjectsNamespace() {
        Event event = read("""
                metadata: {name: web.17a, namespace: default}
                involvedObject: {kind: Pod, namespace: default, name: web}
                reason: Scheduled
                """, Event.class);
        assertThat(EventValidation.validate(event)).isEmpty();
        event.getInvolvedObject().setNamespace("other");
        assertThat(render(EventValidation.validate(event)))
                .containsExactly("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
        Event nodeEvent = read("""
                metadata: {name: node-1.17a, namespace: default}
                involvedObject: {kind: Node, name: node-1}
                """, Event.class);
        assertThat(EventValidation.validate(nodeEvent)).isEmpty();
    }

    @Test
    void newStyleEventsNameTheirReporterAndAction() {
        Event event = read("""
                metadata: {name: web.17a, namespace: default}
                involvedObject: {kind: Pod, namespace: default, name: web}
                """, Event.class);
        event.setEventTime(new MicroTime("2024-01-01T00:00:00.000000Z"));
        assertThat(render(EventValidation.validate(event))).containsExactly(
                "reportingComponent: Required value",
                "reportingComponent: Invalid value: \"\": name part must be non-empty",
                "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' "
                        + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                        + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "reportingInstance: Required value",
                "action: Required value",
                "reason: Required value");
        event.setReportingComponent("skiff.dev/scheduler");
        event.setReportingInstance("scheduler-1");
        event.setAction("Binding");
        event.setReason("Scheduled");
        assertThat(EventValidation.validate(event)).isEmpty();
        event.setMessage("x".repeat(1025));
        assertThat(render(EventValidation.validate(event)))
                .containsExactly("message: Invalid value: \"\": can have at most 1024 characters");
    }

    @Test
    void leases() {
        Lease lease = read("""
                metadata: {name: skiff-scheduler, namespace: kube-system}
                spec: {holderIdentity: scheduler-1, leaseDurationSeconds: 15, leaseTransitions: 0}
                """, Lease.class);
        assertThat(LeaseValidation.validate(lease)).isEmpty();
        lease.getSpec().setLeaseDurationSeconds(0);
        lease.getSpec().setLeaseTransitions(-1);
        assertThat(render(LeaseValidation.validate(lease))).containsExactly(
                "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
                "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
    }
}
