package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class SimplePrintersTest {

    @Test
    void namespace() {
        assertThat(columns("Namespace")).containsExactly("Name", "Status", "Age");
        Namespace ns = yaml("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a, creationTimestamp: "2024-03-01T12:00:00Z"}
                spec: {finalizers: [kubernetes]}
                status: {phase: Active}
                """, Namespace.class);
        assertThat(cells("Namespace", ns)).containsExactly("team-a", "Active", "61d");
        Namespace terminating = yaml("""
                metadata: {name: old, creationTimestamp: "2024-05-01T11:57:00Z", deletionTimestamp: "2024-05-01T11:59:00Z"}
                status: {phase: Terminating}
                """, Namespace.class);
        assertThat(cells("Namespace", terminating)).containsExactly("old", "Terminating", "3m");
    }

    @Test
    void configMap() {
        assertThat(columns("ConfigMap")).containsExactly("Name", "Data", "Age");
        ConfigMap cm = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, creationTimestamp: "2024-05-01T11:58:00Z"}
                data: {a.properties: "x=1", b.json: "{}"}
                binaryData: {logo.png: aGVsbG8=}
                """, ConfigMap.class);
        assertThat(cells("ConfigMap", cm)).containsExactly("settings", 3, "2m");
        ConfigMap empty = yaml("metadata: {name: kube-root-ca.crt, creationTimestamp: \"2024-05-01T11:00:00Z\"}",
                ConfigMap.class);
        assertThat(cells("ConfigMap", empty)).containsExactly("kube-root-ca.crt", 0, "60m");
    }

    @Test
    void secret() {
        assertThat(columns("Secret")).containsExactly("Name", "Type", "Data", "Age");
        Secret s = yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: tls, creationTimestamp: "2024-05-01T06:00:00Z"}
                type: kubernetes.io/tls
                data: {tls.crt: Y2VydA==, tls.key: a2V5}
                """, Secret.class);
        assertThat(cells("Secret", s)).containsExactly("tls", "kubernetes.io/tls", 2, "6h");
    }

    @Test
    void lease() {
        assertThat(columns("Lease")).containsExactly("Name", "Holder", "Age");
        Lease lease = yaml("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: node-1, namespace: kube-node-lease, creationTimestamp: "2024-04-01T12:00:00Z"}
                spec: {holderIdentity: node-1, leaseDurationSeconds: 40}
                """, Lease.class);
        assertThat(cells("Lease", lease)).containsExactly("node-1", "node-1", "30d");
        Lease free = yaml("metadata: {name: x, creationTimestamp: \"2024-05-01T11:00:00Z\"}", Lease.class);
        assertThat(cells("Lease", free)).containsExactly("x", "", "60m");
    }

    @Test
    void defaultConvertorPrintsNameAndCreatedAt() {
        assertThat(columns("PersistentVolumeClaim")).containsExactly("Name", "Created At");
        assertThat(Tables.columns("PersistentVolumeClaim").get(1).type()).isEqualTo("date");
        assertThat(Tables.hasPrinter("PersistentVolumeClaim")).isFalse();
        PersistentVolumeClaim claim = yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default, creationTimestamp: "2024-04-30T08:15:30Z"}
                """, PersistentVolumeClaim.class);
        assertThat(cells("PersistentVolumeClaim", claim)).containsExactly("data", "2024-04-30T08:15:30Z");
        PersistentVolumeClaim fresh = yaml("metadata: {name: new}", PersistentVolumeClaim.class);
        assertThat(cells("PersistentVolumeClaim", fresh)).containsExactly("new", "0001-01-01T00:00:00Z");
    }

    @Test
    void serviceAccountsShowHowManySecretsTheyList() {
        assertThat(columns("ServiceAccount")).containsExactly("Name", "Secrets", "Age");
        ServiceAccount sa = yaml("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: builder, namespace: default, creationTimestamp: "2024-04-30T08:15:30Z"}
                secrets: [{name: token}]
                """, ServiceAccount.class);
        assertThat(cells("ServiceAccount", sa)).startsWith("builder", 1);
    }
}
