package dev.skiff.controllers.daemonset;

import dev.skiff.controllers.deployment.RollingUpdateLimits;
import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one pass of the DaemonSet controller does, decided from the caches alone, as Kubernetes'
 * {@code manage} and {@code rollingUpdate}: a pod on every node that should run one and none
 * elsewhere, failed pods replaced, a second pod on a node removed; then, with nothing of that to
 * do, old pods replaced node by node within {@code maxUnavailable} (the old pod goes first, the new
 * one comes when it is gone) or {@code maxSurge} (the new pod comes first, the old one goes when
 * the new one is available).
 */
final class DaemonSetSync {

    /** What to do: create a pod on each of these nodes, delete these pods (the failed ones among them reported as such). */
    record Plan(List<String> createOn, List<Pod> delete, List<Pod> failed) {

        boolean isEmpty() {
            return createOn.isEmpty() && delete.isEmpty();
        }
    }

    /** The pods oldest first (by creation, then name), as Kubernetes ranks a node's daemon pods. */
    static final Comparator<Pod> OLDEST_FIRST = Comparator
            .comparing((Pod pod) -> Objects.requireNonNullElse(pod.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(pod -> pod.getMetadata().getName());

    private final DaemonSet ds;
    private final Map<String, NodeFit> fits;
    private final Map<String, List<Pod>> podsByNode;
    private final String hash;
    private final Instant now;
    private final int minReadySeconds;

    /**
     * @param fits       whether each node should run the DaemonSet's pod ({@link NodeFit#of}), by name
     * @param podsByNode the DaemonSet's pods by the node they run on or are pinned to, terminating
     *                   ones included, each list oldest first
     */
    DaemonSetSync(DaemonSet ds, Map<String, NodeFit> fits, Map<String, List<Pod>> podsByNode, String hash, Instant now) {
        this.ds = ds;
        this.fits = fits;
        this.podsByNode = podsByNode;
        this.hash = hash;
        this.now = now;
        this.minReadySeconds = Objects.requireNonNullElse(ds.getSpec().getMinReadySeconds(), 0);
    }

    /** The pass: the pods the nodes should have; when they have them, the next step of a rolling update. */
    Plan plan() {
        Plan manage = manage();
        if (!manage.isEmpty() || !isRollingUpdate()) {
            return manage;
        }
        return rollingUpdate();
    }

    private Plan manage() {
        List<String> createOn = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        List<Pod> failed = new ArrayList<>();
        for (Map.Entry<String, NodeFit> entry : fits.entrySet()) {
            String name = entry.getKey();
            NodeFit fit = entry.getValue();
            List<Pod> pods = podsByNode.getOrDefault(name, List.of());
            if (fit.shouldRun() && pods.isEmpty()) {
                createOn.add(name);
            } else if (fit.shouldContinueRunning()) {
                List<Pod> running = new ArrayList<>();
                for (Pod pod : pods) {
                    if (isDeleting(pod)) {
                        continue;
                    }
                    String phase = PodAvailability.phase(pod);
                    if (phase.equals("Failed")) {
                        failed.add(pod);
                        delete.add(pod);
                    } else if (phase.equals("Succeeded")) {
                        delete.add(pod);
                    } else {
                        running.add(pod);
                    }
                }
                delete.addAll(extras(running));
            } else {
                pods.stream().filter(pod -> !isDeleting(pod)).forEach(delete::add);
            }
        }
        // a pod pinned to a node that is gone is never scheduled, and the pod garbage collector only takes bound ones
        podsByNode.forEach((node, pods) -> {
            if (!fits.containsKey(node)) {
                pods.stream().filter(pod -> !isDeleting(pod) && isUnscheduled(pod)).forEach(delete::add);
            }
        });
        return new Plan(createOn, delete, failed);
    }

    /**
     * Of a node's running pods (oldest first), those beyond the one it should have: all but the
     * oldest; while surging, all but the oldest updated and the oldest old pod, and that old pod too
     * once the updated one is available.
     */
    private List<Pod> extras(List<Pod> running) {
        if (running.size() <= 1) {
            return List.of();
        }
        if (!allowsSurge()) {
            return running.subList(1, running.size());
        }
        Pod oldestNew = running.stream().filter(pod -> DaemonPods.isUpdated(pod, hash)).findFirst().orElse(null);
        Pod oldestOld = running.stream().filter(pod -> !DaemonPods.isUpdated(pod, hash)).findFirst().orElse(null);
        List<Pod> extras = new ArrayList<>(running);
        extras.remove(oldestNew);
        extras.remove(oldestOld);
        if (oldestNew != null && oldestOld != null && PodAvailability.isAvailable(oldestNew, minReadySeconds, now)) {
            extras.add(oldestOld);
        }
        return extras;
    }

    private Plan rollingUpdate() {
        Map<String, List<Pod>> candidates = new LinkedHashMap<>(podsByNode);
        int desired = 0;
        for (Map.Entry<String, NodeFit> entry : fits.entrySet()) {
            if (entry.getValue().shouldRun()) {
                desired++;
                candidates.putIfAbsent(entry.getKey(), List.of());
            }
        }
        RollingUpdateDaemonSet settings = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        int maxSurge = settings == null ? 0 : RollingUpdateLimits.scaled(settings.getMaxSurge(), desired, true);
        int maxUnavailable = settings == null ? 1 : RollingUpdateLimits.scaled(settings.getMaxUnavailable(), desired, true);
        if (desired > 0 && maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        return maxSurge == 0 ? replaceWithin(candidates, maxUnavailable) : surgeWithin(candidates, maxSurge);
    }

    /** Old pods deleted while at most MAX_UNAVAILABLE nodes lack an available pod; unavailable old pods always. */
    private Plan replaceWithin(Map<String, List<Pod>> nodesToPods, int maxUnavailable) {
        int unavailable = 0;
        List<Pod> replaceable = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (List<Pod> pods : nodesToPods.values()) {
            NodePods node = NodePods.of(pods, hash);
            if (node == null || node.oldPod() == null && node.newPod() == null || node.oldPod() != null && node.newPod() != null) {
                unavailable++;
            } else if (node.newPod() != null) {
                if (!PodAvailability.isAvailable(node.newPod(), minReadySeconds, now)) {
                    unavailable++;
                }
            } else if (!PodAvailability.isAvailable(node.oldPod(), minReadySeconds, now)) {
                replaceable.add(node.oldPod());
            } else if (unavailable < maxUnavailable) {
                candidates.add(node.oldPod());
            }
        }
        int budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<Pod> delete = new ArrayList<>(replaceable);
        delete.addAll(candidates.subList(0, budget));
        return new Plan(List.of(), delete, List.of());
    }

    /** New pods created beside old ones on at most MAX_SURGE nodes at once; an old pod goes when its node's new pod is available. */
    private Plan surgeWithin(Map<String, List<Pod>> nodesToPods, int maxSurge) {
        int surging = 0;
        List<String> replaceable = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> entry : nodesToPods.entrySet()) {
            NodePods node = NodePods.of(entry.getValue(), hash);
            if (node == null) {
                surging++;
            } else if (node.oldPod() == null) {
                continue;
            } else if (node.newPod() == null) {
                if (!PodAvailability.isAvailable(node.oldPod(), minReadySeconds, now)) {
                    replaceable.add(entry.getKey());
                } else if (surging < maxSurge) {
                    candidates.add(entry.getKey());
                }
            } else if (!PodAvailability.isAvailable(node.newPod(), minReadySeconds, now)) {
                surging++;
            } else {
                delete.add(node.oldPod());
            }
        }
        int budget = Math.max(0, Math.min(maxSurge - surging, candidates.size()));
        List<String> createOn = new ArrayList<>(replaceable);
        createOn.addAll(candidates.subList(0, budget));
        return new Plan(createOn, delete, List.of());
    }

    /** A node's live pods: at most one of the current template and one older; null when it has more (the next pass removes them). */
    private record NodePods(Pod newPod, Pod oldPod) {

        static NodePods of(List<Pod> pods, String hash) {
            Pod newPod = null;
            Pod oldPod = null;
            for (Pod pod : pods) {
                if (isDeleting(pod)) {
                    continue;
                }
                if (DaemonPods.isUpdated(pod, hash)) {
                    if (newPod != null) {
                        return null;
                    }
                    newPod = pod;
                } else {
                    if (oldPod != null) {
                        return null;
                    }
                    oldPod = pod;
                }
            }
            return new NodePods(newPod, oldPod);
        }
    }

    private boolean isRollingUpdate() {
        DaemonSetUpdateStrategy strategy = ds.getSpec().getUpdateStrategy();
        return strategy == null || strategy.getType() == null || "RollingUpdate".equals(strategy.getType());
    }

    /** Whether a rolling update may put a new pod beside an old one: any maxSurge but 0, as Kubernetes' {@code AllowsSurge}. */
    private boolean allowsSurge() {
        DaemonSetUpdateStrategy strategy = ds.getSpec().getUpdateStrategy();
        return isRollingUpdate() && strategy != null && strategy.getRollingUpdate() != null
                && RollingUpdateLimits.scaled(strategy.getRollingUpdate().getMaxSurge(), 1, true) != 0;
    }

    private static boolean isUnscheduled(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty();
    }

    private static boolean isDeleting(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }
}
