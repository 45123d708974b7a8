package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class EventPrinterTest {

    @Test
    void columnsAsTheServerSendsThem() {
        assertThat(columns("Event")).containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject*",
                "Source*", "Message", "First Seen*", "Count*", "Name*");
    }

    @Test
    void coreEventWithCount() {
        Event ev = yaml("""
                apiVersion: v1
                kind: Event
                metadata: {name: web-7d9c8b6f5-x2k4p.17c1a2b3c4d5e6f7, namespace: default,
                           creationTimestamp: "2024-05-01T11:50:00Z"}
                involvedObject: {kind: Pod, name: web-7d9c8b6f5-x2k4p, namespace: default,
                                 fieldPath: "spec.containers{app}", apiVersion: v1}
                reason: BackOff
                message: "Back-off restarting failed container app in pod web-7d9c8b6f5-x2k4p\\n"
                type: Warning
                source: {component: kubelet, host: node-1}
                firstTimestamp: "2024-05-01T11:50:00Z"
                lastTimestamp: "2024-05-01T11:59:30Z"
                count: 42
                """, Event.class);
        assertThat(cells("Event", ev)).containsExactly("30s", "Warning", "BackOff", "pod/web-7d9c8b6f5-x2k4p",
                "spec.containers{app}", "kubelet, node-1",
                "Back-off restarting failed container app in pod web-7d9c8b6f5-x2k4p", "10m", 42,
                "web-7d9c8b6f5-x2k4p.17c1a2b3c4d5e6f7");
    }

    @Test
    void newStyleEventWithEventTimeOnly() {
        Event ev = yaml("""
                apiVersion: v1
                kind: Event
                metadata: {name: web.1, namespace: default, creationTimestamp: "2024-05-01T11:58:00Z"}
                involvedObject: {kind: Deployment, name: web}
                reason: ScalingReplicaSet
                message: Scaled up replica set web-7d9c8b6f5 to 3
                type: Normal
                eventTime: "2024-05-01T11:58:00.123456Z"
                reportingComponent: deployment-controller
                reportingInstance: ""
                """, Event.class);
        assertThat(cells("Event", ev)).containsExactly("119s", "Normal", "ScalingReplicaSet", "deployment/web", "",
                "deployment-controller", "Scaled up replica set web-7d9c8b6f5 to 3", "119s", 1, "web.1");
    }

    @Test
    void seriesEventAndObjectWithoutName() {
        Event ev = yaml("""
                apiVersion: v1
                kind: Event
                metadata: {name: n.1, creationTimestamp: "2024-05-01T11:00:00Z"}
                involvedObject: {kind: Node}
                reason: Rebooted
                message: rebooted
                type: Warning
                eventTime: "2024-05-01T11:00:00.000000Z"
                series: {count: 7, lastObservedTime: "2024-05-01T11:59:00.000000Z"}
                source: {component: kubelet}
                """, Event.class);
        assertThat(cells("Event", ev)).containsExactly("60s", "Warning", "Rebooted", "node", "", "kubelet",
                "rebooted", "60m", 7, "n.1");
    }

    @Test
    void eventsK8sIoEvent() {
        var ev = yaml("""
                apiVersion: events.k8s.io/v1
                kind: Event
                metadata: {name: web.2, namespace: default, creationTimestamp: "2024-05-01T11:55:00Z"}
                eventTime: "2024-05-01T11:55:00.000000Z"
                regarding: {kind: Pod, name: web-1, fieldPath: "spec.containers{app}"}
                reason: Pulled
                note: Successfully pulled image
                type: Normal
                action: Pulling
                reportingController: kubelet
                reportingInstance: node-2
                deprecatedCount: 2
                deprecatedFirstTimestamp: "2024-05-01T11:55:00Z"
                deprecatedLastTimestamp: "2024-05-01T11:57:00Z"
                """, io.fabric8.kubernetes.api.model.events.v1.Event.class);
        assertThat(cells("Event", ev)).containsExactly("3m", "Normal", "Pulled", "pod/web-1", "spec.containers{app}",
                "kubelet, node-2", "Successfully pulled image", "5m", 2, "web.2");
    }
}
