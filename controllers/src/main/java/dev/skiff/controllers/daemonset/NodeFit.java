package dev.skiff.controllers.daemonset;

import dev.skiff.api.scheduling.NodeSelection;
import dev.skiff.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a node should run a DaemonSet's pod, as Kubernetes' {@code NodeShouldRunDaemonPod}: the
 * node must match the template's node selector and required node affinity and carry no
 * {@code NoSchedule} or {@code NoExecute} taint its pods do not tolerate for a new pod to go there;
 * a pod already there stays unless the node stops matching or gets an untolerated
 * {@code NoExecute} taint. Resources are the scheduler's business, as in Kubernetes.
 *
 * @param shouldRun             a pod should be there: one is created when there is none
 * @param shouldContinueRunning a pod that is there may stay
 */
record NodeFit(boolean shouldRun, boolean shouldContinueRunning) {

    private static final NodeFit NONE = new NodeFit(false, false);

    /** For DS's pods on each of NODES, by node name, in the order of NODES. */
    static Map<String, NodeFit> of(DaemonSet ds, List<Node> nodes) {
        PodSpec templateSpec = DaemonPods.templateSpec(ds);
        Map<String, NodeFit> fits = new LinkedHashMap<>();
        for (Node node : nodes) {
            fits.put(node.getMetadata().getName(), of(templateSpec, node));
        }
        return fits;
    }

    /** For the pods of TEMPLATE_SPEC ({@link DaemonPods#templateSpec}) on NODE. */
    private static NodeFit of(PodSpec templateSpec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (!NodeSelection.of(templateSpec).matches(labels, node.getMetadata().getName())) {
            return NONE;
        }
        List<Toleration> tolerations = templateSpec.getTolerations() == null ? List.of() : templateSpec.getTolerations();
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        boolean shouldRun = true;
        for (Taint taint : taints) {
            if (Tolerations.tolerated(tolerations, taint)) {
                continue;
            }
            if (Tolerations.NO_EXECUTE.equals(taint.getEffect())) {
                return NONE;
            }
            if (Tolerations.NO_SCHEDULE.equals(taint.getEffect())) {
                shouldRun = false;
            }
        }
        return new NodeFit(shouldRun, true);
    }
}
