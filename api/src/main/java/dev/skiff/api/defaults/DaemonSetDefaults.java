package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;

import static dev.skiff.api.validation.NullSafe.isEmpty;

/**
 * apps/v1 DaemonSet defaults: a rolling update replacing one node's pod at a time (maxUnavailable 1,
 * maxSurge 0), ten old revisions kept; the template gets the pod spec defaults.
 */
public final class DaemonSetDefaults {

    private DaemonSetDefaults() {
    }

    public static void apply(DaemonSet daemonSet) {
        if (daemonSet.getSpec() == null) {
            daemonSet.setSpec(new DaemonSetSpec());
        }
        DaemonSetSpec spec = daemonSet.getSpec();
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDaemonSet());
            }
            RollingUpdateDaemonSet rollingUpdate = strategy.getRollingUpdate();
            if (rollingUpdate.getMaxUnavailable() == null) {
                rollingUpdate.setMaxUnavailable(new IntOrString(1));
            }
            if (rollingUpdate.getMaxSurge() == null) {
                rollingUpdate.setMaxSurge(new IntOrString(0));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplateDefaults.apply(spec.getTemplate());
    }
}
