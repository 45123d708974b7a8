package dev.skiff.kubelet.pod;

import dev.skiff.kubelet.probe.ProbeManager;
import dev.skiff.kubelet.probe.ProbeType;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.PodContainers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod's status as the kubelet sees it: phase (Kubernetes' getPhase rules), the four conditions,
 * a status per init and app container from its newest instance (and the one before, as
 * lastState), pod and host IPs and the start time. Transition times and the start time carry over
 * from the pod's current status as the kubelet knows it ({@link PodStatusWriter#current}).
 */
public final class PodStatusBuilder {

    private final ProbeManager probes;
    private final Clock clock;

    public PodStatusBuilder(ProbeManager probes, Clock clock) {
        this.probes = probes;
        this.clock = clock;
    }

    /** The pod's status from its containers; {@code previous} is its current status, which start time and transition times keep. */
    public PodStatus build(Pod pod, PodStatus previous, PodContainers actual, Map<String, Waiting> waiting, String podIp, String hostIp) {
        String restartPolicy = Optional.ofNullable(pod.getSpec().getRestartPolicy()).orElse("Always");
        List<ContainerStatus> init = new ArrayList<>();
        for (Container container : pod.getSpec().getInitContainers()) {
            init.add(containerStatus(container, actual, waiting, true, Waiting.creating()));
        }
        boolean initialized = init.stream().allMatch(PodStatusBuilder::succeeded);
        List<ContainerStatus> app = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            app.add(containerStatus(container, actual, waiting, false, initialized ? Waiting.creating() : Waiting.podInitializing()));
        }
        String phase = phase(restartPolicy, init, app);
        String now = timestamp(clock.instant());

        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(Optional.ofNullable(condition(previous, "PodScheduled"))
                .orElseGet(() -> new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build()));
        conditions.add(initialized
                ? condition(previous, "Initialized", "True", null, null, now)
                : condition(previous, "Initialized", "False", "ContainersNotInitialized",
                "containers with incomplete status: " + names(init, s -> !succeeded(s)), now));
        boolean completed = phase.equals("Succeeded") || phase.equals("Failed");
        boolean allReady = app.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
        String notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
        String notReadyMessage = completed ? null : "containers with unready status: " + names(app, s -> !Boolean.TRUE.equals(s.getReady()));
        conditions.add(allReady && !completed
                ? condition(previous, "ContainersReady", "True", null, null, now)
                : condition(previous, "ContainersReady", "False", notReadyReason, notReadyMessage, now));
        conditions.add(allReady && !completed
                ? condition(previous, "Ready", "True", null, null, now)
                : condition(previous, "Ready", "False", notReadyReason, notReadyMessage, now));

        var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(hostIp)
                .withHostIPs(new HostIPBuilder().withIp(hostIp).build())
                .withStartTime(previous.getStartTime() != null ? previous.getStartTime() : now)
                .withInitContainerStatuses(init)
                .withContainerStatuses(app)
                .withQosClass(previous.getQosClass());
        if (podIp != null && !podIp.isEmpty()) {
            status.withPodIP(podIp).withPodIPs(new PodIPBuilder().withIp(podIp).build());
        } else if (previous.getPodIP() != null) {
            status.withPodIP(previous.getPodIP()).withPodIPs(previous.getPodIPs());
        }
        return status.build();
    }

    private ContainerStatus containerStatus(Container container, PodContainers actual, Map<String, Waiting> waiting,
                                            boolean init, Waiting notCreated) {
        var latest = actual.latest(container.getName());
        var builder = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withImageID("")
                .withRestartCount(latest.map(dev.skiff.runtime.Container::attempt).orElse(0))
                .withReady(false)
                .withStarted(false);
        Waiting reason = waiting.get(container.getName());
        if (latest.isEmpty()) {
            Waiting shown = reason != null ? reason : notCreated;
            return builder.withState(new ContainerStateBuilder().withNewWaiting().withReason(shown.reason())
                    .withMessage(shown.message()).endWaiting().build()).build();
        }
        dev.skiff.runtime.Container instance = latest.get();
        builder.withContainerID("docker://" + instance.id()).withImageID(imageId(instance));
        actual.previous(container.getName()).filter(c -> c.state() == ContainerState.EXITED)
                .ifPresent(previous -> builder.withLastState(terminated(previous)));
        if (reason != null) {
            if (instance.state() == ContainerState.EXITED) {
                builder.withLastState(terminated(instance));
            }
            return builder.withState(new ContainerStateBuilder().withNewWaiting().withReason(reason.reason())
                    .withMessage(reason.message()).endWaiting().build()).build();
        }
        switch (instance.state()) {
            case RUNNING -> {
                boolean started = probes.result(instance.id(), ProbeType.STARTUP, container.getStartupProbe() != null);
                boolean ready = started && probes.result(instance.id(), ProbeType.READINESS, container.getReadinessProbe() != null);
                builder.withState(new ContainerStateBuilder().withNewRunning().withStartedAt(timestamp(instance.startedAt()))
                        .endRunning().build()).withStarted(started).withReady(!init && ready);
            }
            case EXITED -> builder.withState(terminated(instance)).withReady(init && instance.exitCode() == 0);
            default -> builder.withState(new ContainerStateBuilder().withNewWaiting().withReason(notCreated.reason()).endWaiting().build());
        }
        return builder.build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerState terminated(dev.skiff.runtime.Container c) {
        return new ContainerStateBuilder().withNewTerminated()
                .withExitCode(c.exitCode())
                .withReason(c.reason())
                .withMessage(c.message() == null || c.message().isEmpty() ? null : c.message())
                .withStartedAt(timestamp(c.startedAt()))
                .withFinishedAt(timestamp(c.finishedAt()))
                .withContainerID("docker://" + c.id())
                .endTerminated().build();
    }

    private static String imageId(dev.skiff.runtime.Container instance) {
        return instance.imageId() == null || instance.imageId().isEmpty() ? "" : "docker://" + instance.imageId();
    }

    /** Kubernetes' getPhase. */
    static String phase(String restartPolicy, List<ContainerStatus> init, List<ContainerStatus> app) {
        for (ContainerStatus status : init) {
            if (succeeded(status)) {
                continue;
            }
            boolean failed = status.getState().getTerminated() != null
                    || (status.getLastState() != null && status.getLastState().getTerminated() != null
                        && status.getLastState().getTerminated().getExitCode() != 0);
            return failed && restartPolicy.equals("Never") ? "Failed" : "Pending";
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerStatus status : app) {
            var state = status.getState();
            if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null) {
                stopped++;
                if (state.getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped > 0) {
            if (restartPolicy.equals("Always")) {
                return "Running";
            }
            if (stopped == succeeded) {
                return "Succeeded";
            }
            return restartPolicy.equals("Never") ? "Failed" : "Running";
        }
        return "Pending";
    }

    private static boolean succeeded(ContainerStatus status) {
        return status.getState().getTerminated() != null && status.getState().getTerminated().getExitCode() == 0;
    }

    private static String names(List<ContainerStatus> statuses, java.util.function.Predicate<ContainerStatus> which) {
        return "[" + String.join(" ", statuses.stream().filter(which).map(ContainerStatus::getName).toList()) + "]";
    }

    private static PodCondition condition(PodStatus previous, String type) {
        return previous.getConditions() == null ? null
                : previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static PodCondition condition(PodStatus previous, String type, String status, String reason, String message, String now) {
        PodCondition before = condition(previous, type);
        String transition = before != null && Objects.equals(before.getStatus(), status) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now;
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).build();
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
