package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes' {@code printPod}: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES. */
final class PodPrinter implements RowPrinter {

    /** Kubernetes' node.NodeUnreachablePodReason. */
    private static final String NODE_UNREACHABLE_POD_REASON = "NodeLost";

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Ready", Descriptions.POD_READY),
            ColumnDefinition.string("Status", Descriptions.POD_STATUS),
            ColumnDefinition.string("Restarts", Descriptions.POD_RESTARTS),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("IP", Descriptions.POD_IP).wide(),
            ColumnDefinition.string("Node", Descriptions.POD_NODE).wide(),
            ColumnDefinition.string("Nominated Node", Descriptions.POD_NOMINATED_NODE).wide(),
            ColumnDefinition.string("Readiness Gates", Descriptions.POD_READINESS_GATES).wide());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<RowCondition> conditions(JsonNode pod) {
        return switch (Fields.str(pod, "status", "phase")) {
            case "Succeeded" -> List.of(new RowCondition("Completed", "True", "Succeeded",
                    "The pod has completed successfully."));
            case "Failed" -> List.of(new RowCondition("Completed", "True", "Failed", "The pod failed."));
            default -> List.of();
        };
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        JsonNode spec = Fields.at(pod, "spec");
        JsonNode status = Fields.at(pod, "status");
        int restarts = 0;
        int restartableInitContainerRestarts = 0;
        int totalContainers = Fields.list(spec, "containers").size();
        int readyContainers = 0;
        Instant lastRestartDate = null;
        Instant lastRestartableInitContainerRestartDate = null;

        String podPhase = Fields.str(status, "phase");
        String reason = podPhase;
        if (!Fields.str(status, "reason").isEmpty()) {
            reason = Fields.str(status, "reason");
        }
        List<JsonNode> conditions = Fields.list(status, "conditions");
        for (JsonNode c : conditions) {
            if ("PodScheduled".equals(Fields.str(c, "type")) && "SchedulingGated".equals(Fields.str(c, "reason"))) {
                reason = "SchedulingGated";
            }
        }

        List<JsonNode> initContainerSpecs = Fields.list(spec, "initContainers");
        Map<String, JsonNode> initContainers = new HashMap<>();
        for (JsonNode c : initContainerSpecs) {
            initContainers.put(Fields.str(c, "name"), c);
            if (isRestartable(c)) {
                totalContainers++;
            }
        }

        boolean initializing = false;
        List<JsonNode> initStatuses = Fields.list(status, "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            int restartCount = (int) Fields.integer(container, 0, "restartCount");
            restarts += restartCount;
            lastRestartDate = later(lastRestartDate, container);
            boolean restartable = isRestartable(initContainers.get(Fields.str(container, "name")));
            if (restartable) {
                restartableInitContainerRestarts += restartCount;
                lastRestartableInitContainerRestartDate = later(lastRestartableInitContainerRestartDate, container);
            }
            JsonNode terminated = Fields.at(container, "state", "terminated");
            JsonNode waiting = Fields.at(container, "state", "waiting");
            boolean isTerminated = Fields.present(terminated);
            if (isTerminated && Fields.integer(terminated, 0, "exitCode") == 0) {
                continue;
            } else if (restartable && Fields.bool(container, "started")) {
                if (Fields.bool(container, "ready")) {
                    readyContainers++;
                }
                continue;
            } else if (isTerminated) {
                // initialization failed
                String r = Fields.str(terminated, "reason");
                if (r.isEmpty()) {
                    long signal = Fields.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal
                            : "Init:ExitCode:" + Fields.integer(terminated, 0, "exitCode");
                } else {
                    reason = "Init:" + r;
                }
                initializing = true;
            } else if (Fields.present(waiting) && !Fields.str(waiting, "reason").isEmpty()
                    && !"PodInitializing".equals(Fields.str(waiting, "reason"))) {
                reason = "Init:" + Fields.str(waiting, "reason");
                initializing = true;
            } else {
                reason = "Init:" + i + "/" + initContainerSpecs.size();
                initializing = true;
            }
            break;
        }

        if (!initializing || isPodInitializedConditionTrue(conditions)) {
            restarts = restartableInitContainerRestarts;
            lastRestartDate = lastRestartableInitContainerRestartDate;
            boolean hasRunning = false;
            List<JsonNode> statuses = Fields.list(status, "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += (int) Fields.integer(container, 0, "restartCount");
                lastRestartDate = later(lastRestartDate, container);
                JsonNode terminated = Fields.at(container, "state", "terminated");
                JsonNode waiting = Fields.at(container, "state", "waiting");
                if (Fields.present(waiting) && !Fields.str(waiting, "reason").isEmpty()) {
                    reason = Fields.str(waiting, "reason");
                } else if (Fields.present(terminated) && !Fields.str(terminated, "reason").isEmpty()) {
                    reason = Fields.str(terminated, "reason");
                } else if (Fields.present(terminated)) {
                    long signal = Fields.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Signal:" + signal
                            : "ExitCode:" + Fields.integer(terminated, 0, "exitCode");
                } else if (Fields.bool(container, "ready") && Fields.present(container, "state", "running")) {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            // change pod status back to "Running" if there is at least one container still reporting as "Running" status
            if ("Completed".equals(reason) && hasRunning) {
                reason = hasPodReadyCondition(conditions) ? "Running" : "NotReady";
            }
        }

        boolean deleting = Fields.present(pod, "metadata", "deletionTimestamp");
        if (deleting && NODE_UNREACHABLE_POD_REASON.equals(Fields.str(status, "reason"))) {
            reason = "Unknown";
        } else if (deleting && !"Succeeded".equals(podPhase) && !"Failed".equals(podPhase)) {
            reason = "Terminating";
        }

        String restartsStr = Integer.toString(restarts);
        if (restarts != 0 && lastRestartDate != null) {
            restartsStr = restarts + " (" + HumanDuration.format(Duration.between(lastRestartDate, now)) + " ago)";
        }

        List<Object> cells = new ArrayList<>();
        cells.add(Fields.str(pod, "metadata", "name"));
        cells.add(readyContainers + "/" + totalContainers);
        cells.add(reason);
        cells.add(restartsStr);
        cells.add(HumanDuration.since(Fields.time(pod, "metadata", "creationTimestamp"), now));

        // wide
        String podIP = "";
        List<JsonNode> podIPs = Fields.list(status, "podIPs");
        if (!podIPs.isEmpty()) {
            podIP = Fields.str(podIPs.get(0), "ip");
        } else {
            podIP = Fields.str(status, "podIP"); // v1 -> internal conversion fills podIPs from podIP
        }
        String nodeName = Fields.str(spec, "nodeName");
        String nominatedNodeName = Fields.str(status, "nominatedNodeName");
        String readinessGates = "<none>";
        List<JsonNode> gates = Fields.list(spec, "readinessGates");
        if (!gates.isEmpty()) {
            int trueConditions = 0;
            for (JsonNode gate : gates) {
                String conditionType = Fields.str(gate, "conditionType");
                for (JsonNode c : conditions) {
                    if (conditionType.equals(Fields.str(c, "type"))) {
                        if ("True".equals(Fields.str(c, "status"))) {
                            trueConditions++;
                        }
                        break;
                    }
                }
            }
            readinessGates = trueConditions + "/" + gates.size();
        }
        cells.add(podIP.isEmpty() ? "<none>" : podIP);
        cells.add(nodeName.isEmpty() ? "<none>" : nodeName);
        cells.add(nominatedNodeName.isEmpty() ? "<none>" : nominatedNodeName);
        cells.add(readinessGates);
        return cells;
    }

    /** An init container with restartPolicy Always (a sidecar). */
    private static boolean isRestartable(JsonNode initContainer) {
        return initContainer != null && "Always".equals(Fields.str(initContainer, "restartPolicy"));
    }

    /** The later of {@code current} and the container's last termination time. */
    private static Instant later(Instant current, JsonNode containerStatus) {
        JsonNode terminated = Fields.at(containerStatus, "lastState", "terminated");
        if (!Fields.present(terminated)) {
            return current;
        }
        Instant finished = Fields.time(terminated, "finishedAt");
        if (finished != null && (current == null || current.isBefore(finished))) {
            return finished;
        }
        return current;
    }

    private static boolean hasPodReadyCondition(List<JsonNode> conditions) {
        for (JsonNode c : conditions) {
            if ("Ready".equals(Fields.str(c, "type")) && "True".equals(Fields.str(c, "status"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPodInitializedConditionTrue(List<JsonNode> conditions) {
        for (JsonNode c : conditions) {
            if ("Initialized".equals(Fields.str(c, "type"))) {
                return "True".equals(Fields.str(c, "status"));
            }
        }
        return false;
    }
}
