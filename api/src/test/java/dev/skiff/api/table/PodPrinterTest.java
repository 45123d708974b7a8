package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.table;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class PodPrinterTest {

    private static final String RUNNING = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9c8b6f5-x2k4p
              namespace: default
              creationTimestamp: "2024-05-01T09:00:00Z"
              labels: {app: web}
            spec:
              nodeName: node-1
              readinessGates:
              - conditionType: example.com/lb-ready
              - conditionType: example.com/other
              containers:
              - {name: app, image: nginx:1.25}
              - {name: sidecar, image: envoy:1.30}
            status:
              phase: Running
              podIP: 10.244.1.7
              podIPs: [{ip: 10.244.1.7}, {ip: "fd00::7"}]
              conditions:
              - {type: Initialized, status: "True"}
              - {type: Ready, status: "True"}
              - {type: example.com/lb-ready, status: "True"}
              - {type: example.com/other, status: "False"}
              containerStatuses:
              - name: app
                ready: true
                restartCount: 5
                state: {running: {startedAt: "2024-05-01T11:56:40Z"}}
                lastState: {terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "2024-05-01T11:56:40Z"}}
              - name: sidecar
                ready: true
                restartCount: 0
                state: {running: {startedAt: "2024-05-01T10:00:05Z"}}
            """;

    @Test
    void columnsAsKubernetes() {
        assertThat(columns("Pod")).containsExactly("Name", "Ready", "Status", "Restarts", "Age",
                "IP*", "Node*", "Nominated Node*", "Readiness Gates*");
        JsonNode defs = table("Pod", yaml(RUNNING, Pod.class)).path("columnDefinitions");
        assertThat(defs.get(0).path("format").asText()).isEqualTo("name");
        assertThat(defs.get(3).path("type").asText()).isEqualTo("string");
    }

    @Test
    void runningPodWithRecentRestart() {
        assertThat(cells("Pod", yaml(RUNNING, Pod.class))).containsExactly(
                "web-7d9c8b6f5-x2k4p", "2/2", "Running", "5 (3m20s ago)", "3h",
                "10.244.1.7", "node-1", "<none>", "1/2");
    }

    @Test
    void pendingUnscheduledPod() {
        Pod pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, creationTimestamp: "2024-05-01T11:59:55Z"}
                spec:
                  containers: [{name: app, image: busybox}]
                status:
                  phase: Pending
                  conditions:
                  - {type: PodScheduled, status: "False", reason: Unschedulable}
                """, Pod.class);
        assertThat(cells("Pod", pod)).containsExactly("p", "0/1", "Pending", "0", "5s",
                "<none>", "<none>", "<none>", "<none>");
    }

    @Test
    void schedulingGated() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:59:55Z"}
                spec: {containers: [{name: app, image: busybox}], schedulingGates: [{name: x}]}
                status:
                  phase: Pending
                  conditions: [{type: PodScheduled, status: "False", reason: SchedulingGated}]
                """, Pod.class);
        assertThat(cells("Pod", pod).get(2)).isEqualTo("SchedulingGated");
    }

    @Test
    void crashLoopBackOff() {
        Pod pod = yaml("""
                metadata: {name: crash, creationTimestamp: "2024-04-30T12:00:00Z"}
                spec: {nodeName: node-1, containers: [{name: app, image: busybox}]}
                status:
                  phase: Running
                  podIP: 10.0.0.9
                  containerStatuses:
                  - name: app
                    ready: false
                    restartCount: 12
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off}}
                    lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2024-05-01T11:00:00Z"}}
                """, Pod.class);
        assertThat(cells("Pod", pod)).containsExactly("crash", "0/1", "CrashLoopBackOff", "12 (60m ago)", "24h",
                "10.0.0.9", "node-1", "<none>", "<none>");
    }

    @Test
    void terminatedContainerWithoutReasonShowsExitCodeOrSignal() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {containers: [{name: a, image: x}, {name: b, image: y}]}
                status:
                  phase: Running
                  containerStatuses:
                  - {name: a, ready: false, restartCount: 0, state: {terminated: {exitCode: 3}}}
                  - {name: b, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, signal: 9}}}
                """, Pod.class);
        // statuses are walked last to first, so the first container's reason wins
        assertThat(cells("Pod", pod).get(2)).isEqualTo("ExitCode:3");
    }

    @Test
    void completedPod() {
        Pod pod = yaml("""
                metadata: {name: job-abc, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {containers: [{name: main, image: busybox}]}
                status:
                  phase: Succeeded
                  containerStatuses:
                  - {name: main, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                """, Pod.class);
        JsonNode row = table("Pod", pod).path("rows").path(0);
        assertThat(cells("Pod", pod).subList(0, 5)).containsExactly("job-abc", "0/1", "Completed", "0", "60m");
        assertThat(row.path("conditions").path(0).path("type").asText()).isEqualTo("Completed");
        assertThat(row.path("conditions").path(0).path("reason").asText()).isEqualTo("Succeeded");
    }

    @Test
    void completedContainerButAnotherStillRunning() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {containers: [{name: a, image: x}, {name: b, image: y}]}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "False"}]
                  containerStatuses:
                  - {name: a, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                  - {name: b, ready: true, restartCount: 0, state: {running: {}}}
                """, Pod.class);
        assertThat(cells("Pod", pod).subList(1, 3)).containsExactly("1/2", "NotReady");
    }

    @Test
    void initContainersProgress() {
        Pod pod = yaml("""
                metadata: {name: init, creationTimestamp: "2024-05-01T11:59:00Z"}
                spec:
                  initContainers: [{name: i1, image: x}, {name: i2, image: x}]
                  containers: [{name: app, image: x}]
                status:
                  phase: Pending
                  initContainerStatuses:
                  - {name: i1, ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                  - {name: i2, ready: false, restartCount: 0, state: {running: {}}}
                  containerStatuses:
                  - {name: app, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
                """, Pod.class);
        assertThat(cells("Pod", pod).subList(0, 5)).containsExactly("init", "0/1", "Init:1/2", "0", "60s");
    }

    @Test
    void initContainerFailures() {
        Pod crashing = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {initContainers: [{name: i1, image: x}], containers: [{name: app, image: x}]}
                status:
                  phase: Pending
                  initContainerStatuses:
                  - name: i1
                    restartCount: 3
                    state: {waiting: {reason: CrashLoopBackOff}}
                    lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2024-05-01T11:59:30Z"}}
                """, Pod.class);
        assertThat(cells("Pod", crashing).subList(2, 4)).containsExactly("Init:CrashLoopBackOff", "3 (30s ago)");

        Pod failed = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {initContainers: [{name: i1, image: x}], containers: [{name: app, image: x}]}
                status:
                  phase: Failed
                  initContainerStatuses:
                  - {name: i1, restartCount: 0, state: {terminated: {exitCode: 2}}}
                """, Pod.class);
        assertThat(cells("Pod", failed).get(2)).isEqualTo("Init:ExitCode:2");
    }

    @Test
    void restartableInitContainerCountsAsAContainer() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  initContainers: [{name: proxy, image: envoy, restartPolicy: Always}]
                  containers: [{name: app, image: x}]
                status:
                  phase: Running
                  conditions: [{type: Initialized, status: "True"}, {type: Ready, status: "True"}]
                  initContainerStatuses:
                  - {name: proxy, ready: true, started: true, restartCount: 1, state: {running: {}},
                     lastState: {terminated: {exitCode: 1, finishedAt: "2024-05-01T11:50:00Z"}}}
                  containerStatuses:
                  - {name: app, ready: true, restartCount: 0, state: {running: {}}}
                """, Pod.class);
        assertThat(cells("Pod", pod).subList(1, 4)).containsExactly("2/2", "Running", "1 (10m ago)");
    }

    @Test
    void terminatingPod() {
        Pod pod = yaml(RUNNING.replace("  labels: {app: web}",
                "  labels: {app: web}\n  deletionTimestamp: \"2024-05-01T12:00:30Z\""), Pod.class);
        assertThat(cells("Pod", pod).get(2)).isEqualTo("Terminating");
    }

    @Test
    void podOnLostNodeIsUnknown() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z", deletionTimestamp: "2024-05-01T11:30:00Z"}
                spec: {containers: [{name: app, image: x}]}
                status: {phase: Running, reason: NodeLost}
                """, Pod.class);
        assertThat(cells("Pod", pod).get(2)).isEqualTo("Unknown");
    }

    @Test
    void podWithEvictionReason() {
        Pod pod = yaml("""
                metadata: {name: p, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {containers: [{name: app, image: x}]}
                status: {phase: Failed, reason: Evicted, message: "The node was low on resource: memory."}
                """, Pod.class);
        assertThat(cells("Pod", pod).subList(1, 3)).isEqualTo(List.of("0/1", "Evicted"));
    }
}
