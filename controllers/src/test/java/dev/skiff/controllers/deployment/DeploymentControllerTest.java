package dev.skiff.controllers.deployment;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakePodStarter;
import dev.skiff.controllers.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Deployment controller (with the ReplicaSet controller) in the manager, against a real api-server. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class DeploymentControllerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private KubernetesClient client;
    private TestNamespace namespace;
    private String ns;

    @BeforeEach
    void connect() {
        namespace = TestNamespace.open("deployment-test");
        client = namespace.client();
        ns = namespace.name();
    }

    @AfterEach
    void clean() {
        namespace.close();
    }

    private Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private void edit(String name, Consumer<DeploymentBuilder> change) {
        client.apps().deployments().inNamespace(ns).withName(name).edit(d -> {
            DeploymentBuilder builder = new DeploymentBuilder(d);
            change.accept(builder);
            return builder.build();
        });
    }

    private void setImage(String name, String image) {
        edit(name, d -> d.editSpec().editTemplate().editSpec().editFirstContainer().withImage(image).endContainer().endSpec()
                .endTemplate().endSpec());
    }

    private List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(ns).list().getItems();
    }

    private static Optional<DeploymentCondition> condition(Deployment deployment, String type) {
        return deployment.getStatus() == null ? Optional.empty()
                : deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Rolled out as kubectl rollout status judges it. */
    private boolean rolledOut(String name, int replicas) {
        Deployment d = get(name);
        return d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
                && count(d.getStatus().getUpdatedReplicas()) == replicas && count(d.getStatus().getReplicas()) == replicas
                && count(d.getStatus().getAvailableReplicas()) == replicas;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    @Test
    void createsAHashNamedReplicaSetWithItsPodsAndReportsAvailability() {
        try (FakePodStarter kubelet = FakePodStarter.start(client, ns)) {
            Deployment created = client.resource(deployment("web", 3, "nginx:1")).create();

            await().atMost(DEADLINE).until(() -> rolledOut("web", 3));
            Deployment d = get("web");
            String hash = PodTemplateHash.compute(d.getSpec().getTemplate(), null);
            assertThat(replicaSets()).singleElement().satisfies(rs -> {
                assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
                assertThat(rs.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", hash);
                assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash);
                assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
                assertThat(rs.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "1")
                        .containsEntry(Revisions.DESIRED_REPLICAS, "3").containsEntry(Revisions.MAX_REPLICAS, "4");
                assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                    assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
                    assertThat(ref.getKind()).isEqualTo("Deployment");
                    assertThat(ref.getController()).isTrue();
                });
            });
            assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(3)
                    .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash));
            assertThat(d.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "1");
            await().atMost(DEADLINE).untilAsserted(() -> {
                Deployment current = get("web");
                assertThat(condition(current, "Available")).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("True");
                    assertThat(c.getReason()).isEqualTo("MinimumReplicasAvailable");
                });
                assertThat(condition(current, "Progressing")).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("True");
                    assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
                    assertThat(c.getMessage()).isEqualTo("ReplicaSet \"web-" + hash + "\" has successfully progressed.");
                });
                assertThat(current.getStatus().getReadyReplicas()).isEqualTo(3);
                assertThat(current.getStatus().getUnavailableReplicas()).isZero();
            });
            await().atMost(DEADLINE).until(() -> client.v1().events().inNamespace(ns).list().getItems().stream().anyMatch(e ->
                    "ScalingReplicaSet".equals(e.getReason()) && "web".equals(e.getInvolvedObject().getName())
                            && ("Scaled up replica set web-" + hash + " from 0 to 3").equals(e.getMessage())));
        }
    }

    /** Counts the namespace's pods on every change the watch shows. */
    private static final class PodCounter implements Watcher<Pod>, AutoCloseable {
        final Map<String, Pod> pods = new ConcurrentHashMap<>();
        volatile int maxPods;
        volatile int minReady = Integer.MAX_VALUE;
        final Set<String> mixed = ConcurrentHashMap.newKeySet();
        Watch watch;

        @Override
        public synchronized void eventReceived(Action action, Pod pod) {
            if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
                pods.remove(pod.getMetadata().getName());
            } else {
                pods.put(pod.getMetadata().getName(), pod);
            }
            maxPods = Math.max(maxPods, pods.size());
            minReady = Math.min(minReady, (int) pods.values().stream().filter(FakePodStarter::isReady).count());
            Set<String> hashes = new HashSet<>();
            pods.values().forEach(p -> hashes.add(p.getMetadata().getLabels().get("pod-template-hash")));
            if (hashes.size() > 1) {
                mixed.addAll(hashes);
            }
        }

        /** Starts the extremes from what the namespace holds now. */
        synchronized void reset() {
            maxPods = pods.size();
            minReady = (int) pods.values().stream().filter(FakePodStarter::isReady).count();
            mixed.clear();
        }

        @Override
        public void onClose(WatcherException cause) {
        }

        @Override
        public void close() {
            watch.close();
        }
    }

    private PodCounter countPods() {
        PodCounter counter = new PodCounter();
        counter.watch = client.pods().inNamespace(ns).watch(counter);
        return counter;
    }

    @Test
    void aRollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() {
        try (FakePodStarter kubelet = FakePodStarter.start(client, ns)) {
            client.resource(new DeploymentBuilder(deployment("roll", 6, "nginx:1")).editSpec().withNewStrategy()
                    .withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(2))
                    .withMaxUnavailable(new IntOrString("20%")).endRollingUpdate().endStrategy().endSpec().build()).create();
            await().atMost(DEADLINE).until(() -> rolledOut("roll", 6));

            try (PodCounter counter = countPods()) {
                await().atMost(DEADLINE).until(() -> counter.pods.size() == 6
                        && counter.pods.values().stream().allMatch(FakePodStarter::isReady));
                counter.reset();
                setImage("roll", "nginx:2");
                await().atMost(DEADLINE).until(() -> rolledOut("roll", 6));

                // 2 extra pods at most (some surge is used), and 20% of 6 rounds down to 1 unavailable at most
                assertThat(counter.maxPods).isBetween(7, 8);
                assertThat(counter.minReady).isGreaterThanOrEqualTo(5);
            }
            ReplicaSet newRS = replicaSets().stream().filter(rs -> rs.getSpec().getReplicas() == 6).findFirst().orElseThrow();
            assertThat(newRS.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
            assertThat(newRS.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "2");
            assertThat(replicaSets()).hasSize(2).filteredOn(rs -> rs != newRS && rs.getSpec().getReplicas() == 0).hasSize(1);
            assertThat(get("roll").getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "2");
        }
    }

    @Test
    void recreateRemovesEveryOldPodBeforeTheFirstNewOne() {
        try (FakePodStarter kubelet = FakePodStarter.start(client, ns)) {
            client.resource(new DeploymentBuilder(deployment("redo", 3, "nginx:1")).editSpec().withNewStrategy()
                    .withType("Recreate").endStrategy().endSpec().build()).create();
            await().atMost(DEADLINE).until(() -> rolledOut("redo", 3));

            try (PodCounter counter = countPods()) {
                await().atMost(DEADLINE).until(() -> counter.pods.size() == 3);
                counter.reset();
                setImage("redo", "nginx:2");
                await().atMost(DEADLINE).until(() -> rolledOut("redo", 3) && counter.pods.values().stream()
                        .allMatch(p -> "nginx:2".equals(p.getSpec().getContainers().get(0).getImage())));

                assertThat(counter.mixed).as("old and new pods at once").isEmpty();
                assertThat(counter.maxPods).isEqualTo(3);
            }
        }
    }

    @Test
    void aPausedDeploymentScalesButDoesNotRollOutUntilResumed() {
        try (FakePodStarter kubelet = FakePodStarter.start(client, ns)) {
            client.resource(deployment("still", 2, "nginx:1")).create();
            await().atMost(DEADLINE).until(() -> rolledOut("still", 2));

            edit("still", d -> d.editSpec().withPaused(true).endSpec());
            await().atMost(DEADLINE).until(() -> condition(get("still"), "Progressing")
                    .map(c -> "DeploymentPaused".equals(c.getReason()) && "Unknown".equals(c.getStatus())).orElse(false));
            edit("still", d -> d.editSpec().withReplicas(4).editTemplate().editSpec().editFirstContainer().withImage("nginx:2")
                    .endContainer().endSpec().endTemplate().endSpec());

            await().atMost(DEADLINE).until(() -> {
                Deployment d = get("still");
                return d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
                        && count(d.getStatus().getReplicas()) == 4 && count(d.getStatus().getAvailableReplicas()) == 4;
            });
            assertThat(replicaSets()).singleElement().satisfies(rs -> {
                assertThat(rs.getSpec().getReplicas()).isEqualTo(4);
                assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1");
            });
            assertThat(get("still").getStatus().getUpdatedReplicas()).isZero();

            edit("still", d -> d.editSpec().withPaused(false).endSpec());
            await().atMost(DEADLINE).until(() -> rolledOut("still", 4));
            assertThat(replicaSets()).hasSize(2);
            assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(4)
                    .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
        }
    }

    @Test
    void aRolloutWithoutProgressPastTheDeadlineIsReportedAsExceeded() {
        // no kubelet: the pods never become ready
        client.resource(new DeploymentBuilder(deployment("stuck", 2, "nginx:1")).editSpec().withProgressDeadlineSeconds(2)
                .endSpec().build()).create();

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(condition(get("stuck"), "Progressing")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(c.getMessage()).matches("ReplicaSet \"stuck-[a-z0-9]+\" has timed out progressing\\.");
        }));
        assertThat(condition(get("stuck"), "Available")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("MinimumReplicasUnavailable");
        });
    }

    @Test
    void oldReplicaSetsPastTheRevisionHistoryLimitAreDeleted() {
        try (FakePodStarter kubelet = FakePodStarter.start(client, ns)) {
            client.resource(new DeploymentBuilder(deployment("history", 1, "nginx:1")).editSpec().withRevisionHistoryLimit(1)
                    .endSpec().build()).create();
            for (int version = 2; version <= 4; version++) {
                await().atMost(DEADLINE).until(() -> rolledOut("history", 1));
                setImage("history", "nginx:" + version);
            }
            await().atMost(DEADLINE).until(() -> rolledOut("history", 1) && replicaSets().size() == 2);
            assertThat(replicaSets()).extracting(rs -> rs.getMetadata().getAnnotations().get(Revisions.REVISION))
                    .containsExactlyInAnyOrder("3", "4");
        }
    }
}
