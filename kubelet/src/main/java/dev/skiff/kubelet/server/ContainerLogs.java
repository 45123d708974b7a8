package dev.skiff.kubelet.server;

import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.LogOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the container whose log is asked for ({@code previous}: the instance before the newest)
 * and turns the api-server's query (PodLogOptions) into the runtime's log options.
 */
final class ContainerLogs {

    /** A request that cannot be served: the HTTP code and the message for the Status. */
    static final class LogRequestException extends Exception {
        final int code;

        LogRequestException(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final ContainerRuntime runtime;
    private final PodLabels labels;

    ContainerLogs(ContainerRuntime runtime, PodLabels labels) {
        this.runtime = runtime;
        this.labels = labels;
    }

    Container find(String namespace, String pod, String container, boolean previous) throws LogRequestException {
        List<Container> instances = runtime.listContainers(labels.ofContainer(namespace, pod, container)).stream()
                .sorted(Comparator.comparingInt(Container::attempt).reversed()
                        .thenComparing(Container::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (previous) {
            if (instances.size() < 2) {
                throw new LogRequestException(400, "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found");
            }
            return instances.get(1);
        }
        if (instances.isEmpty()) {
            throw new LogRequestException(400, "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start: ContainerCreating");
        }
        return instances.get(0);
    }

    static LogOptions options(Map<String, String> query) throws LogRequestException {
        boolean follow = Boolean.parseBoolean(query.getOrDefault("follow", "false"));
        boolean timestamps = Boolean.parseBoolean(query.getOrDefault("timestamps", "false"));
        int tail = -1;
        Instant since = null;
        try {
            if (query.containsKey("tailLines")) {
                tail = Integer.parseInt(query.get("tailLines"));
            }
            if (query.containsKey("sinceSeconds")) {
                since = Instant.now().minusSeconds(Long.parseLong(query.get("sinceSeconds")));
            }
            if (query.containsKey("sinceTime")) {
                since = Instant.parse(query.get("sinceTime"));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new LogRequestException(400, "invalid log options: " + e.getMessage());
        }
        return new LogOptions(follow, tail, timestamps, since);
    }

    static long limitBytes(Map<String, String> query) throws LogRequestException {
        try {
            return query.containsKey("limitBytes") ? Long.parseLong(query.get("limitBytes")) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            throw new LogRequestException(400, "invalid limitBytes: " + query.get("limitBytes"));
        }
    }
}
