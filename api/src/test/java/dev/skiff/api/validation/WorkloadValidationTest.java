package dev.skiff.api.validation;

import dev.skiff.api.defaults.DaemonSetDefaults;
import dev.skiff.api.defaults.DeploymentDefaults;
import dev.skiff.api.defaults.ReplicaSetDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.skiff.api.validation.TestObjects.read;
import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

/** Deployments, ReplicaSets and DaemonSets, which share the selector and template rules. */
class WorkloadValidationTest {

    private static final String SPEC = """
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app, image: nginx}]}
            """;

    private static Deployment deployment(Consumer<Deployment> change) {
        Deployment deployment = read(SPEC, Deployment.class);
        change.accept(deployment);
        DeploymentDefaults.apply(deployment);
        return deployment;
    }

    private static List<String> deploymentErrors(Consumer<Deployment> change) {
        return render(DeploymentValidation.validate(deployment(change)));
    }

    private static ReplicaSet replicaSet(Consumer<ReplicaSet> change) {
        ReplicaSet replicaSet = read(SPEC, ReplicaSet.class);
        change.accept(replicaSet);
        ReplicaSetDefaults.apply(replicaSet);
        return replicaSet;
    }

    private static DaemonSet daemonSet(Consumer<DaemonSet> change) {
        DaemonSet daemonSet = read(SPEC, DaemonSet.class);
        change.accept(daemonSet);
        DaemonSetDefaults.apply(daemonSet);
        return daemonSet;
    }

    private static List<String> daemonSetErrors(Consumer<DaemonSet> change) {
        return render(DaemonSetValidation.validate(daemonSet(change)));
    }

    @Test
    void validWorkloadsPass() {
        assertThat(deploymentErrors(d -> { })).isEmpty();
        assertThat(ReplicaSetValidation.validate(replicaSet(rs -> { }))).isEmpty();
        assertThat(daemonSetErrors(ds -> { })).isEmpty();
    }

    @Test
    void aDaemonSetReplacesOneNodesPodAtATimeByDefault() {
        DaemonSet daemonSet = daemonSet(ds -> { });

        assertThat(daemonSet.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(daemonSet.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(daemonSet.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
        assertThat(daemonSet.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("OnDelete").build())))
                .isEmpty();
    }

    @Test
    void aDaemonSetUpdateEitherSurgesOrMakesUnavailable() {
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("10%")).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build())))
                .isEmpty();
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(1)).endRollingUpdate().build())))
                .containsExactly("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero");
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("0%")).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build())))
                .containsExactly("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("120%")).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build())))
                .containsExactly("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"120%\": must not be greater than 100%");
        assertThat(daemonSetErrors(ds -> ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("Recreate").build())))
                .containsExactly("spec.updateStrategy.type: Unsupported value: \"Recreate\": supported values: \"OnDelete\", \"RollingUpdate\"");
    }

    @Test
    void daemonSetPodsAlwaysRestartAndItsSelectorStays() {
        assertThat(daemonSetErrors(ds -> ds.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure")))
                .containsExactly("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"");
        assertThat(daemonSetErrors(ds -> ds.getSpec().setSelector(null)))
                .contains("spec.selector: Required value");
        DaemonSet old = daemonSet(ds -> { });
        DaemonSet relabelled = daemonSet(ds -> {
            ds.getSpec().getSelector().setMatchLabels(Map.of("app", "agent"));
            ds.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "agent"));
        });
        assertThat(render(DaemonSetValidation.validateUpdate(relabelled, old))).containsExactly(
                "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"agent\"}}: field is immutable");
    }

    @Test
    void theSelectorIsRequiredAndMustSelectTheTemplate() {
        assertThat(deploymentErrors(d -> d.getSpec().setSelector(null))).containsExactly(
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                        + "`selector` does not match template `labels`");
        assertThat(deploymentErrors(d -> d.getSpec().getSelector().setMatchLabels(Map.of("app",
                "api")))).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                        + "`selector` does not match template `labels`");
        assertThat(render(ReplicaSetValidation.validate(replicaSet(rs -> rs.getSpec().setSelector(new LabelSelector())))))
                .containsExactly("spec.selector: Invalid value: {}: empty selector is invalid for deployment");
    }

    @Test
    void anInvalidSelectorIsReportedAsSuch() {
        assertThat(deploymentErrors(d -> d.getSpec().getSelector().setMatchLabels(Map.of("app",
                "a b")))).satisfiesExactly(
                e -> assertThat(e).startsWith("spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be"),
                e -> assertThat(e).isEqualTo("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"a b\"}}: "
                        + "invalid label selector"));
    }

    @Test
    void replicasAreNotNegative() {
        assertThat(deploymentErrors(d -> d.getSpec().setReplicas(-1)))
                .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assertThat(render(ReplicaSetValidation.validate(replicaSet(rs -> rs.getSpec().setReplicas(-2)))))
                .containsExactly("spec.replicas: Invalid value: -2: must be greater than or equal to 0");
    }

    @Test
    void podsOfWorkloadsAlwaysRestart() {
        assertThat(deploymentErrors(d -> d.getSpec().getTemplate().getSpec().setRestartPolicy("Never"))).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
        assertThat(deploymentErrors(d -> d.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(10L))).containsExactly(
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported");
    }

    @Test
    void theTemplateSpecIsValidatedWhereItLies() {
        assertThat(deploymentErrors(d -> d.getSpec().getTemplate().getSpec().setContainers(List.of())))
                .containsExactly("spec.template.spec.containers: Required value");
        assertThat(deploymentErrors(d -> d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "x y",
                "1"))))
                .singleElement().asString().startsWith("spec.template.labels: Invalid value: \"x y\"");
    }

    @Test
    void rollingUpdateParameters() {
        assertThat(deploymentErrors(d -> d.getSpec().setStrategy(new DeploymentStrategyBuilder()
                .withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(0))
                .withMaxUnavailable(new IntOrString("0%")).endRollingUpdate().build())))
                .containsExactly("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0");
        assertThat(deploymentErrors(d -> d.getSpec().setStrategy(new DeploymentStrategyBuilder()
                .withType("RollingUpdate").withNewRollingUpdate().withMaxUnavailable(new IntOrString("150%")).endRollingUpdate().build())))
                .containsExactly("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%");
        assertThat(deploymentErrors(d -> d.getSpec().setStrategy(new DeploymentStrategyBuilder()
                .withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("half")).endRollingUpdate().build())))
                .singleElement().asString().startsWith("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"half\": "
                        + "a valid percent string must be a numeric string followed by an ending '%'");
        assertThat(deploymentErrors(d -> d.getSpec().setStrategy(new DeploymentStrategyBuilder()
                .withType("Recreate").withNewRollingUpdate().endRollingUpdate().build())))
                .containsExactly("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
        assertThat(deploymentErrors(d -> d.getSpec().setStrategy(new DeploymentStrategyBuilder()
                .withType("BlueGreen").build())))
                .containsExactly("spec.strategy: Unsupported value: {\"type\":\"BlueGreen\"}: supported values: "
                        + "\"Recreate\", \"RollingUpdate\"");
    }

    @Test
    void progressDeadlineExceedsMinReady() {
        assertThat(deploymentErrors(d -> {
            d.getSpec().setMinReadySeconds(600);
            d.getSpec().setProgressDeadlineSeconds(600);
        })).containsExactly("spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds");
    }

    @Test
    void selectorsAreImmutable() {
        Deployment old = deployment(d -> { });
        Deployment scaled = deployment(d -> d.getSpec().setReplicas(5));
        assertThat(DeploymentValidation.validateUpdate(scaled, old)).isEmpty();
        Deployment moved = deployment(d -> {
            d.getSpec().getSelector().setMatchLabels(Map.of("app", "web", "v", "2"));
            d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "v", "2"));
        });
        assertThat(render(DeploymentValidation.validateUpdate(moved, old))).containsExactly(
                "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"v\":\"2\"}}: field is immutable");
        ReplicaSet oldSet = replicaSet(rs -> { });
        ReplicaSet newSet = replicaSet(rs -> rs.getSpec().getSelector().setMatchLabels(Map.of()));
        newSet.getSpec().getSelector().setMatchExpressions(List.of(
                new LabelSelectorRequirement("app", "Exists", List.of())));
        assertThat(render(ReplicaSetValidation.validateUpdate(newSet, oldSet))).singleElement().asString()
                .startsWith("spec.selector: Invalid value: ").endsWith(": field is immutable");
    }
}
