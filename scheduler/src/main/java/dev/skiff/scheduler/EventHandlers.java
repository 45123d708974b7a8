package dev.skiff.scheduler;

import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;
import java.util.Objects;

/**
 * What the informers' changes mean to the scheduler, as Kubernetes' {@code eventhandlers.go}:
 * <ul>
 *   <li>a pod bound to a node is counted in the cache (which confirms an assumed pod), and leaves
 *       the queue; a pod that has ended (Succeeded, Failed) counts as deleted;</li>
 *   <li>a pending pod for this scheduler ({@code spec.schedulerName}) that is not being deleted and
 *       has no scheduling gates is queued, and updated in the queue when it changes;</li>
 *   <li>nodes go into the cache; a node added, a scheduling-relevant change to one (labels, taints,
 *       allocatable, {@code spec.unschedulable}) or a pod leaving a node are cluster events that
 *       send unschedulable pods back to be tried.</li>
 * </ul>
 */
final class EventHandlers {

    private final String schedulerName;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    EventHandlers(String schedulerName, SchedulerCache cache, SchedulingQueue queue) {
        this.schedulerName = schedulerName;
        this.cache = cache;
        this.queue = queue;
    }

    ResourceEventHandler<Pod> pods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (isFinished(pod)) {
                    return;
                }
                if (isAssigned(pod)) {
                    cache.addPod(PodInfo.of(pod));
                    queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.ADD));
                } else if (isSchedulable(pod)) {
                    queue.add(PodInfo.of(pod));
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (oldPod == newPod) {
                    return;
                }
                if (isFinished(newPod)) {
                    if (!isFinished(oldPod)) {
                        onDelete(oldPod);
                    }
                    return;
                }
                String key = PodInfo.keyOf(newPod);
                if (isAssigned(newPod)) {
                    cache.updatePod(PodInfo.of(newPod));
                    if (!isAssigned(oldPod)) {
                        queue.delete(key);
                        queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.ADD));
                    } else if (!Objects.equals(labels(oldPod), labels(newPod))) {
                        queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.UPDATE_LABEL));
                    }
                } else if (isSchedulable(newPod)) {
                    queue.update(PodInfo.of(newPod));
                } else {
                    queue.delete(key);
                }
            }

            @Override
            public void onDelete(Pod pod) {
                String key = PodInfo.keyOf(pod);
                queue.delete(key);
                cache.removePod(key);
                if (isAssigned(pod)) {
                    queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.DELETE));
                }
            }
        };
    }

    ResourceEventHandler<Node> nodes() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.addNode(node);
                queue.moveOnEvent(ClusterEvent.node(ClusterEvent.ADD));
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (oldNode == newNode) {
                    return;
                }
                cache.updateNode(newNode);
                int changes = schedulingChanges(oldNode, newNode);
                if (changes != 0) {
                    queue.moveOnEvent(ClusterEvent.node(changes));
                }
            }

            @Override
            public void onDelete(Node node) {
                cache.removeNode(node.getMetadata().getName());
                queue.moveOnEvent(ClusterEvent.node(ClusterEvent.DELETE));
            }
        };
    }

    /** The changes to a node that can make a pod fit it, as {@link ClusterEvent} action bits. */
    static int schedulingChanges(Node before, Node after) {
        int changes = 0;
        if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
            changes |= ClusterEvent.UPDATE_LABEL;
        }
        if (!Objects.equals(before.getSpec() == null ? null : before.getSpec().getTaints(),
                after.getSpec() == null ? null : after.getSpec().getTaints())) {
            changes |= ClusterEvent.UPDATE_TAINT;
        }
        if (!Objects.equals(before.getSpec() == null ? null : before.getSpec().getUnschedulable(),
                after.getSpec() == null ? null : after.getSpec().getUnschedulable())) {
            changes |= ClusterEvent.UPDATE_UNSCHEDULABLE;
        }
        if (!Objects.equals(before.getStatus() == null ? null : before.getStatus().getAllocatable(),
                after.getStatus() == null ? null : after.getStatus().getAllocatable())) {
            changes |= ClusterEvent.UPDATE_ALLOCATABLE;
        }
        return changes;
    }

    private static boolean isAssigned(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    /** Pending, this scheduler's, not being deleted, and without scheduling gates. */
    private boolean isSchedulable(Pod pod) {
        return pod.getSpec() != null
                && schedulerName.equals(pod.getSpec().getSchedulerName())
                && pod.getMetadata().getDeletionTimestamp() == null
                && (pod.getSpec().getSchedulingGates() == null || pod.getSpec().getSchedulingGates().isEmpty());
    }

    /**
     * A pod that ended (Succeeded, Failed) holds nothing on its node and needs no node: the
     * scheduler treats it as gone, as Kubernetes' scheduler, whose informer leaves such pods out.
     */
    private static boolean isFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels();
    }
}
