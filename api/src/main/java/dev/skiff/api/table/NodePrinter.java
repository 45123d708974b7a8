package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kubernetes' {@code printNode}: NAME STATUS ROLES AGE VERSION; wide INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME. STATUS is {@code Ready} / {@code NotReady} from the Ready
 * condition (any status but True is NotReady), {@code Unknown} without one, plus
 * {@code ,SchedulingDisabled} when cordoned.
 */
final class NodePrinter implements RowPrinter {

    private static final String LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final String NODE_LABEL_ROLE = "kubernetes.io/role";

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", Descriptions.NODE_STATUS),
            ColumnDefinition.string("Roles", Descriptions.NODE_ROLES),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Version", Descriptions.NODE_VERSION),
            ColumnDefinition.string("Internal-IP", Descriptions.NODE_ADDRESSES).wide(),
            ColumnDefinition.string("External-IP", Descriptions.NODE_ADDRESSES).wide(),
            ColumnDefinition.string("OS-Image", Descriptions.NODE_OS_IMAGE).wide(),
            ColumnDefinition.string("Kernel-Version", Descriptions.NODE_KERNEL).wide(),
            ColumnDefinition.string("Container-Runtime", Descriptions.NODE_RUNTIME).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        List<String> status = new ArrayList<>();
        JsonNode ready = null;
        for (JsonNode c : Fields.list(node, "status", "conditions")) {
            if ("Ready".equals(Fields.str(c, "type"))) {
                ready = c; // the last one wins, as Kubernetes' condition map
            }
        }
        if (ready != null) {
            status.add("True".equals(Fields.str(ready, "status")) ? "Ready" : "NotReady");
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (Fields.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }

        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, String> l : Fields.map(node, "metadata", "labels").entrySet()) {
            String k = l.getKey();
            if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
                String role = k.substring(LABEL_NODE_ROLE_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (k.equals(NODE_LABEL_ROLE) && !l.getValue().isEmpty()) {
                roles.add(l.getValue());
            }
        }
        String rolesStr = String.join(",", roles);

        JsonNode info = Fields.at(node, "status", "nodeInfo");
        List<Object> cells = new ArrayList<>();
        cells.add(Fields.str(node, "metadata", "name"));
        cells.add(String.join(",", status));
        cells.add(rolesStr.isEmpty() ? "<none>" : rolesStr);
        cells.add(HumanDuration.since(Fields.time(node, "metadata", "creationTimestamp"), now));
        cells.add(Fields.str(info, "kubeletVersion"));
        cells.add(address(node, "InternalIP"));
        cells.add(address(node, "ExternalIP"));
        cells.add(orUnknown(Fields.str(info, "osImage")));
        cells.add(orUnknown(Fields.str(info, "kernelVersion")));
        cells.add(orUnknown(Fields.str(info, "containerRuntimeVersion")));
        return cells;
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : Fields.list(node, "status", "addresses")) {
            if (type.equals(Fields.str(a, "type"))) {
                return Fields.str(a, "address");
            }
        }
        return "<none>";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }
}
