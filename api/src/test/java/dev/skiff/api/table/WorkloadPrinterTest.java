package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class WorkloadPrinterTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:40:00Z", generation: 3}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web, tier: frontend}
                matchExpressions:
                - {key: env, operator: In, values: [prod, canary]}
                - {key: legacy, operator: DoesNotExist}
              template:
                metadata: {labels: {app: web, tier: frontend, env: prod}}
                spec:
                  containers:
                  - {name: nginx, image: "nginx:1.25"}
                  - {name: exporter, image: "nginx/exporter:1.1"}
            status:
              replicas: 3
              updatedReplicas: 2
              readyReplicas: 1
              availableReplicas: 1
            """;

    @Test
    void daemonSet() {
        assertThat(columns("DaemonSet")).containsExactly("Name", "Desired", "Current", "Ready", "Up-to-date", "Available",
                "Node Selector", "Age", "Containers*", "Images*", "Selector*");
        DaemonSet ds = yaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: kube-system, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      nodeSelector: {kubernetes.io/os: linux, disk: ssd}
                      containers: [{name: agent, image: "agent:2"}]
                status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2}
                """, DaemonSet.class);

        assertThat(cells("DaemonSet", ds)).containsExactly("agent", 3, 3, 2, 1, 2, "disk=ssd,kubernetes.io/os=linux", "60m",
                "agent", "agent:2", "app=agent");
        ds.getSpec().getTemplate().getSpec().setNodeSelector(null);
        ds.setStatus(null);
        assertThat(cells("DaemonSet", ds)).containsExactly("agent", 0, 0, 0, 0, 0, "<none>", "60m", "agent", "agent:2", "app=agent");
    }

    @Test
    void controllerRevision() {
        ControllerRevision revision = yaml("""
                apiVersion: apps/v1
                kind: ControllerRevision
                metadata:
                  name: agent-5d9f
                  creationTimestamp: "2024-05-01T11:58:00Z"
                  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u1, controller: true}]
                revision: 3
                data: {spec: {template: {$patch: replace}}}
                """, ControllerRevision.class);

        assertThat(columns("ControllerRevision")).containsExactly("Name", "Controller", "Revision", "Age");
        assertThat(cells("ControllerRevision", revision)).containsExactly("agent-5d9f", "daemonset.apps/agent", 3, "2m");
        revision.getMetadata().setOwnerReferences(null);
        assertThat(cells("ControllerRevision", revision)).containsExactly("agent-5d9f", "<none>", 3, "2m");
    }

    @Test
    void deploymentColumns() {
        assertThat(columns("Deployment")).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age",
                "Containers*", "Images*", "Selector*");
    }

    @Test
    void deployment() {
        assertThat(cells("Deployment", yaml(DEPLOYMENT, Deployment.class))).containsExactly(
                "web", "1/3", 2, 1, "20m", "nginx,exporter", "nginx:1.25,nginx/exporter:1.1",
                "app=web,env in (canary,prod),!legacy,tier=frontend");
    }

    @Test
    void freshDeploymentWithoutStatus() {
        Deployment d = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, creationTimestamp: "2024-05-01T11:59:58Z"}
                spec:
                  selector: {matchLabels: {app: api}}
                  template: {spec: {containers: [{name: api, image: "api:v2"}]}}
                """, Deployment.class);
        assertThat(cells("Deployment", d)).containsExactly("api", "0/1", 0, 0, "2s", "api", "api:v2", "app=api");
    }

    @Test
    void deploymentWithInvalidSelector() {
        Deployment d = yaml(DEPLOYMENT.replace("operator: DoesNotExist", "operator: Bogus"), Deployment.class);
        assertThat(cells("Deployment", d).get(7)).isEqualTo("<invalid>");
    }

    @Test
    void replicaSet() {
        assertThat(columns("ReplicaSet")).containsExactly("Name", "Desired", "Current", "Ready", "Age",
                "Containers*", "Images*", "Selector*");
        ReplicaSet rs = yaml("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-7d9c8b6f5
                  creationTimestamp: "2024-04-29T08:00:00Z"
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web, pod-template-hash: 7d9c8b6f5}}
                  template: {spec: {containers: [{name: nginx, image: "nginx:1.25"}]}}
                status: {replicas: 3, readyReplicas: 2, availableReplicas: 2}
                """, ReplicaSet.class);
        assertThat(cells("ReplicaSet", rs)).containsExactly("web-7d9c8b6f5", 3, 3, 2, "2d4h", "nginx",
                "nginx:1.25", "app=web,pod-template-hash=7d9c8b6f5");
    }

    @Test
    void replicaSetWithoutSelectorShowsNone() {
        ReplicaSet rs = yaml("""
                metadata: {name: rs, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {replicas: 0, template: {spec: {containers: []}}}
                """, ReplicaSet.class);
        assertThat(cells("ReplicaSet", rs)).containsExactly("rs", 0, 0, 0, "60m", "", "", "<none>");
    }
}
