package dev.skiff.api.table;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.table.TableTestSupport.cells;
import static dev.skiff.api.table.TableTestSupport.columns;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ServicePrinterTest {

    @Test
    void columnsAsKubernetes() {
        assertThat(columns("Service")).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)",
                "Age", "Selector*");
        assertThat(columns("Endpoints")).containsExactly("Name", "Endpoints", "Age");
    }

    @Test
    void clusterIPService() {
        Service svc = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  type: ClusterIP
                  clusterIP: 10.96.12.34
                  clusterIPs: [10.96.12.34]
                  selector: {tier: frontend, app: web}
                  ports:
                  - {name: http, port: 80, targetPort: 8080, protocol: TCP}
                  - {name: dns, port: 53, targetPort: 53, protocol: UDP}
                """, Service.class);
        assertThat(cells("Service", svc)).containsExactly("web", "ClusterIP", "10.96.12.34", "<none>",
                "80/TCP,53/UDP", "60m", "app=web,tier=frontend");
    }

    @Test
    void nodePortServiceWithExternalIPs() {
        Service svc = yaml("""
                metadata: {name: np, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  type: NodePort
                  clusterIP: 10.96.0.20
                  externalIPs: [198.51.100.1, 198.51.100.2]
                  ports: [{port: 80, nodePort: 30080, protocol: TCP}]
                """, Service.class);
        assertThat(cells("Service", svc)).containsExactly("np", "NodePort", "10.96.0.20",
                "198.51.100.1,198.51.100.2", "80:30080/TCP", "60m", "<none>");
    }

    @Test
    void loadBalancerPendingAndProvisioned() {
        String yaml = """
                metadata: {name: lb, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  type: LoadBalancer
                  clusterIPs: [10.96.0.30]
                  ports: [{port: 443, nodePort: 31443, protocol: TCP}]
                  selector: {app: lb}
                """;
        assertThat(cells("Service", yaml(yaml, Service.class)).get(3)).isEqualTo("<pending>");
        Service provisioned = yaml(yaml + """
                status:
                  loadBalancer:
                    ingress:
                    - {ip: 203.0.113.9}
                    - {hostname: lb-1234567890.elb.example.com}
                """, Service.class);
        // the server prints wide, so the list is not clipped to 16 characters
        assertThat(cells("Service", provisioned).get(3)).isEqualTo("203.0.113.9,lb-1234567890.elb.example.com");
    }

    @Test
    void headlessAndExternalNameServices() {
        Service headless = yaml("""
                metadata: {name: db, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {type: ClusterIP, clusterIP: None, clusterIPs: [None], selector: {app: db}}
                """, Service.class);
        assertThat(cells("Service", headless)).containsExactly("db", "ClusterIP", "None", "<none>", "<none>", "60m",
                "app=db");
        Service external = yaml("""
                metadata: {name: ext, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: {type: ExternalName, externalName: db.example.com}
                """, Service.class);
        assertThat(cells("Service", external)).containsExactly("ext", "ExternalName", "<none>", "db.example.com",
                "<none>", "60m", "<none>");
    }

    @Test
    void endpoints() {
        Endpoints ep = yaml("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: web, creationTimestamp: "2024-05-01T11:00:00Z"}
                subsets:
                - addresses: [{ip: 10.244.1.7}, {ip: 10.244.2.8}]
                  notReadyAddresses: [{ip: 10.244.3.9}]
                  ports: [{name: http, port: 8080, protocol: TCP}]
                """, Endpoints.class);
        assertThat(cells("Endpoints", ep)).containsExactly("web", "10.244.1.7:8080,10.244.2.8:8080", "60m");
    }

    @Test
    void endpointsBeyondThreeAndIPv6AndHeadless() {
        Endpoints many = yaml("""
                metadata: {name: many, creationTimestamp: "2024-05-01T11:00:00Z"}
                subsets:
                - addresses: [{ip: "fd00::1"}, {ip: 10.0.0.2}]
                  ports: [{port: 80}, {port: 443}]
                """, Endpoints.class);
        assertThat(cells("Endpoints", many).get(1)).isEqualTo("[fd00::1]:80,10.0.0.2:80,[fd00::1]:443 + 1 more...");
        Endpoints headless = yaml("""
                metadata: {name: h, creationTimestamp: "2024-05-01T11:00:00Z"}
                subsets: [{addresses: [{ip: 10.0.0.5}]}]
                """, Endpoints.class);
        assertThat(cells("Endpoints", headless).get(1)).isEqualTo("10.0.0.5");
        Endpoints none = yaml("metadata: {name: n, creationTimestamp: \"2024-05-01T11:00:00Z\"}", Endpoints.class);
        assertThat(cells("Endpoints", none).get(1)).isEqualTo("<none>");
    }
}
