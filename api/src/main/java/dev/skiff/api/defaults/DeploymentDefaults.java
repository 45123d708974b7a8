package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

import static dev.skiff.api.validation.NullSafe.isEmpty;

/**
 * apps/v1 Deployment defaults: one replica, a 25%/25% rolling update, ten old ReplicaSets kept, ten minutes
 * to progress; the template gets the pod spec defaults.
 */
public final class DeploymentDefaults {

    private DeploymentDefaults() {
    }

    public static void apply(Deployment deployment) {
        if (deployment.getSpec() == null) {
            deployment.setSpec(new DeploymentSpec());
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getStrategy() == null) {
            spec.setStrategy(new DeploymentStrategy());
        }
        DeploymentStrategy strategy = spec.getStrategy();
        if (isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            RollingUpdateDeployment rollingUpdate = strategy.getRollingUpdate();
            if (rollingUpdate.getMaxUnavailable() == null) {
                rollingUpdate.setMaxUnavailable(new IntOrString("25%"));
            }
            if (rollingUpdate.getMaxSurge() == null) {
                rollingUpdate.setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplateDefaults.apply(spec.getTemplate());
    }
}
