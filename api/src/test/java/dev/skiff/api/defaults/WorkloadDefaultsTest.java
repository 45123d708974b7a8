package dev.skiff.api.defaults;

import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadDefaultsTest {

    private static final String SPEC = """
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app, image: nginx}]}
            """;

    private static <T> T read(Class<T> type) {
        try {
            return Json.YAML.readValue(SPEC, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void deploymentDefaults() {
        Deployment deployment = read(Deployment.class);
        DeploymentDefaults.apply(deployment);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(deployment.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks())
                .as("pod-only defaults are for the pods, not the template").isNull();
    }

    @Test
    void recreateDeploymentsHaveNoRollingUpdate() {
        Deployment deployment = read(Deployment.class);
        deployment.getSpec().setStrategy(new DeploymentStrategy(null, "Recreate"));
        DeploymentDefaults.apply(deployment);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void replicaSetDefaults() {
        ReplicaSet replicaSet = read(ReplicaSet.class);
        replicaSet.getSpec().setReplicas(3);
        ReplicaSetDefaults.apply(replicaSet);
        assertThat(replicaSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(replicaSet.getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        ReplicaSet bare = new ReplicaSet();
        ReplicaSetDefaults.apply(bare);
        assertThat(bare.getSpec().getReplicas()).isEqualTo(1);
    }
}
