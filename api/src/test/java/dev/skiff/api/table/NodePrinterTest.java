package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class NodePrinterTest {

    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: node-1
              creationTimestamp: "2024-04-28T09:00:00Z"
              labels:
                kubernetes.io/hostname: node-1
                node-role.kubernetes.io/control-plane: ""
                node-role.kubernetes.io/worker: ""
                kubernetes.io/role: infra
            spec: {podCIDR: 10.244.1.0/24}
            status:
              addresses:
              - {type: Hostname, address: node-1}
              - {type: InternalIP, address: 192.168.1.10}
              - {type: ExternalIP, address: 203.0.113.10}
              conditions:
              - {type: MemoryPressure, status: "False"}
              - {type: Ready, status: "True", reason: KubeletReady}
              nodeInfo:
                kubeletVersion: v1.30.2
                osImage: Ubuntu 22.04.4 LTS
                kernelVersion: 5.15.0-105-generic
                containerRuntimeVersion: containerd://1.7.13
                architecture: amd64
                operatingSystem: linux
            """;

    @Test
    void columnsAsKubernetes() {
        assertThat(columns("Node")).containsExactly("Name", "Status", "Roles", "Age", "Version",
                "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*");
    }

    @Test
    void readyNode() {
        assertThat(cells("Node", yaml(NODE, Node.class))).containsExactly("node-1", "Ready",
                "control-plane,infra,worker", "3d3h", "v1.30.2", "192.168.1.10", "203.0.113.10",
                "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", "containerd://1.7.13");
    }

    @Test
    void cordonedNotReadyNode() {
        Node node = yaml(NODE.replace("status: \"True\", reason: KubeletReady", "status: \"Unknown\"")
                .replace("spec: {podCIDR: 10.244.1.0/24}", "spec: {unschedulable: true}"), Node.class);
        assertThat(cells("Node", node).get(1)).isEqualTo("NotReady,SchedulingDisabled");
    }

    @Test
    void newNodeWithoutStatus() {
        Node node = yaml("""
                metadata: {name: bare, creationTimestamp: "2024-05-01T11:59:50Z"}
                spec: {unschedulable: true}
                """, Node.class);
        assertThat(cells("Node", node)).containsExactly("bare", "Unknown,SchedulingDisabled", "<none>", "10s", "",
                "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    }
}
