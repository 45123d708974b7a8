package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder;

/**
 * How far a rolling update may go above and below the desired replicas, as Kubernetes resolves
 * {@code maxSurge} and {@code maxUnavailable}: an integer as is, a percentage of the replicas with
 * maxSurge rounded up and maxUnavailable rounded down; when both come to 0, maxUnavailable is 1
 * (a rollout must be able to move); maxUnavailable never exceeds the replicas. Other strategies
 * (Recreate) allow neither.
 */
public final class RollingUpdateLimits {

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";

    private RollingUpdateLimits() {
    }

    /** A value resolved against a total, as Kubernetes' {@code GetScaledValueFromIntOrPercent}. */
    public static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            return 0;
        }
        if (value.getStrVal() == null) {
            return value.getIntVal() == null ? 0 : value.getIntVal();
        }
        String text = value.getStrVal().trim();
        if (!text.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage: " + text);
        }
        int percent;
        try {
            percent = Integer.parseInt(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid value \"" + text + "\"", e);
        }
        long product = (long) percent * total;
        return (int) (roundUp ? -Math.floorDiv(-product, 100) : Math.floorDiv(product, 100));
    }

    /** maxSurge and maxUnavailable for {@code desired} replicas, before clamping: Kubernetes' {@code ResolveFenceposts}. */
    public static int[] fenceposts(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = scaled(maxSurge, desired, true);
        int unavailable = scaled(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    public static boolean isRollingUpdate(Deployment deployment) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        return strategy == null || strategy.getType() == null || ROLLING_UPDATE.equals(strategy.getType());
    }

    public static boolean isRecreate(Deployment deployment) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        return strategy != null && RECREATE.equals(strategy.getType());
    }

    /** Pods the Deployment may run above its replicas during a rollout. */
    public static int maxSurge(Deployment deployment) {
        if (!isRollingUpdate(deployment)) {
            return 0;
        }
        RollingUpdateDeployment rolling = rollingUpdate(deployment);
        return fenceposts(rolling.getMaxSurge(), rolling.getMaxUnavailable(), Revisions.replicas(deployment))[0];
    }

    /** Pods that may be unavailable during a rollout, at most the replicas. */
    public static int maxUnavailable(Deployment deployment) {
        int replicas = Revisions.replicas(deployment);
        if (!isRollingUpdate(deployment) || replicas == 0) {
            return 0;
        }
        RollingUpdateDeployment rolling = rollingUpdate(deployment);
        return Math.min(replicas, fenceposts(rolling.getMaxSurge(), rolling.getMaxUnavailable(), replicas)[1]);
    }

    private static RollingUpdateDeployment rollingUpdate(Deployment deployment) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        if (rolling == null) {
            // the api-server's defaults: 25% each
            return new RollingUpdateDeploymentBuilder().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%")).build();
        }
        return rolling;
    }
}
