package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code printEndpoints}: NAME ENDPOINTS AGE. ENDPOINTS lists ready addresses as
 * "ip:port" (IPv6 bracketed), at most 3 then " + N more...", {@code <none>} without subsets.
 */
final class EndpointsPrinter implements RowPrinter {

    private static final int MAX = 3;

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Endpoints", Descriptions.ENDPOINTS),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode ep, Instant now) {
        return List.of(Fields.str(ep, "metadata", "name"), formatEndpoints(ep),
                HumanDuration.since(Fields.time(ep, "metadata", "creationTimestamp"), now));
    }

    static String formatEndpoints(JsonNode ep) {
        List<JsonNode> subsets = Fields.list(ep, "subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode ss : subsets) {
            List<JsonNode> addresses = Fields.list(ss, "addresses");
            List<JsonNode> ports = Fields.list(ss, "ports");
            if (ports.isEmpty()) {
                // headless services with no ports
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == MAX) {
                        more = true;
                        break;
                    }
                    list.add(Fields.str(a, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == MAX) {
                        more = true;
                        break;
                    }
                    list.add(joinHostPort(Fields.str(a, "ip"), Fields.integer(port, 0, "port")));
                }
            }
        }
        String ret = String.join(",", list);
        return more ? ret + " + " + (count - MAX) + " more..." : ret;
    }

    /** Go's net.JoinHostPort: brackets hosts containing a colon. */
    private static String joinHostPort(String host, long port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
