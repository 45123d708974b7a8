package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Kubernetes' {@code printService}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR. The
 * server prints wide, so load-balancer addresses are never clipped.
 */
final class ServicePrinter implements RowPrinter {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Type", Descriptions.SERVICE_TYPE),
            ColumnDefinition.string("Cluster-IP", Descriptions.SERVICE_CLUSTER_IP),
            ColumnDefinition.string("External-IP", Descriptions.SERVICE_EXTERNAL_IPS),
            ColumnDefinition.string("Port(s)", Descriptions.SERVICE_PORTS),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Selector", Descriptions.SERVICE_SELECTOR).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode svc, Instant now) {
        JsonNode spec = Fields.at(svc, "spec");
        String internalIP = "<none>";
        List<JsonNode> clusterIPs = Fields.list(spec, "clusterIPs");
        if (!clusterIPs.isEmpty()) {
            internalIP = clusterIPs.get(0).asText();
        } else if (!Fields.str(spec, "clusterIP").isEmpty()) {
            internalIP = Fields.str(spec, "clusterIP"); // v1 -> internal conversion fills clusterIPs
        }
        String ports = portString(Fields.list(spec, "ports"));
        return List.of(Fields.str(svc, "metadata", "name"), Fields.str(spec, "type"), internalIP,
                externalIP(svc), ports.isEmpty() ? "<none>" : ports,
                HumanDuration.since(Fields.time(svc, "metadata", "creationTimestamp"), now),
                Fields.formatLabels(Fields.map(spec, "selector")));
    }

    private static String externalIP(JsonNode svc) {
        List<String> externalIPs = new ArrayList<>();
        Fields.list(svc, "spec", "externalIPs").forEach(n -> externalIPs.add(n.asText()));
        switch (Fields.str(svc, "spec", "type")) {
            case "ClusterIP", "NodePort" -> {
                return externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
            }
            case "LoadBalancer" -> {
                TreeSet<String> lb = new TreeSet<>();
                for (JsonNode ing : Fields.list(svc, "status", "loadBalancer", "ingress")) {
                    if (!Fields.str(ing, "ip").isEmpty()) {
                        lb.add(Fields.str(ing, "ip"));
                    } else if (!Fields.str(ing, "hostname").isEmpty()) {
                        lb.add(Fields.str(ing, "hostname"));
                    }
                }
                if (!externalIPs.isEmpty()) {
                    List<String> results = new ArrayList<>(lb);
                    results.addAll(externalIPs);
                    return String.join(",", results);
                }
                return lb.isEmpty() ? "<pending>" : String.join(",", lb);
            }
            case "ExternalName" -> {
                return Fields.str(svc, "spec", "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** Kubernetes' {@code makePortString}: "80/TCP", "80:30080/TCP", comma separated. */
    private static String portString(List<JsonNode> ports) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode p : ports) {
            long port = Fields.integer(p, 0, "port");
            long nodePort = Fields.integer(p, 0, "nodePort");
            String protocol = Fields.str(p, "protocol");
            pieces.add(nodePort > 0 ? port + ":" + nodePort + "/" + protocol : port + "/" + protocol);
        }
        return String.join(",", pieces);
    }
}
