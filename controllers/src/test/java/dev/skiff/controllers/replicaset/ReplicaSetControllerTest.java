package dev.skiff.controllers.replicaset;

import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.FakePodStarter;
import dev.skiff.controllers.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ReplicaSet controller in the manager, against a real api-server; the test plays the kubelet. */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(90)
class ReplicaSetControllerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private KubernetesClient client;
    private TestNamespace namespace;
    private String ns;

    @BeforeEach
    void connect() {
        namespace = TestNamespace.open("replicaset-test");
        client = namespace.client();
        ns = namespace.name();
    }

    @AfterEach
    void clean() {
        namespace.close();
    }

    private ReplicaSet replicaSet(String name, int replicas, String app) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", app).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", app).addToLabels("tier", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private List<Pod> podsOf(ReplicaSet rs) {
        return client.pods().inNamespace(ns).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(ref -> ref.getUid().equals(rs.getMetadata().getUid()) && Boolean.TRUE.equals(ref.getController())))
                .toList();
    }

    private void scale(ReplicaSet rs, int replicas) {
        client.apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName()).scale(replicas);
    }

    private List<Event> events(String reason, String about) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && about.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void createsPodsFromTheTemplateThenScalesUpAndDownDeletingTheLeastValuableFirst() {
        ReplicaSet rs = client.resource(replicaSet("web", 3, "web")).create();

        await().atMost(DEADLINE).until(() -> podsOf(rs).size() == 3);
        Pod pod = podsOf(rs).get(0);
        assertThat(pod.getMetadata().getName()).startsWith("web-");
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("web-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("tier", "web");
        OwnerReference ref = pod.getMetadata().getOwnerReferences().get(0);
        assertThat(ref.getKind()).isEqualTo("ReplicaSet");
        assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
        assertThat(ref.getName()).isEqualTo("web");
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
        await().atMost(DEADLINE).untilAsserted(() -> {
            ReplicaSet current = client.apps().replicaSets().inNamespace(ns).withName("web").get();
            assertThat(current.getStatus().getReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
            assertThat(current.getStatus().getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(events("SuccessfulCreate", "web")).hasSize(3)
                    .allSatisfy(e -> assertThat(e.getMessage()).startsWith("Created pod: web-"));
        });

        scale(rs, 5);
        // the count stays at 5: no pod is created twice while the controller's own creates reach its cache
        await().atMost(DEADLINE).until(() -> podsOf(rs).size() == 5);
        await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> podsOf(rs).size() == 5);

        List<Pod> pods = podsOf(rs);
        Set<String> keep = pods.subList(0, 3).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        pods.subList(0, 3).forEach(p -> FakePodStarter.markReady(client, p));
        await().atMost(DEADLINE).until(() -> client.apps().replicaSets().inNamespace(ns).withName("web").get()
                .getStatus().getReadyReplicas() == 3);

        scale(rs, 3);
        await().atMost(DEADLINE).until(() -> podsOf(rs).size() == 3);
        assertThat(podsOf(rs)).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(keep);
        await().atMost(DEADLINE).until(() -> events("SuccessfulDelete", "web").size() == 2);
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatNoLongerMatch() {
        Pod orphan = client.resource(new PodBuilder().withNewMetadata().withName("orphan").withNamespace(ns)
                .addToLabels("app", "adopt").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
        ReplicaSet rs = client.resource(replicaSet("adopter", 2, "adopt")).create();

        await().atMost(DEADLINE).until(() -> podsOf(rs).size() == 2);
        assertThat(podsOf(rs)).extracting(p -> p.getMetadata().getName()).contains("orphan");
        assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(2);
        assertThat(client.pods().inNamespace(ns).withName("orphan").get().getMetadata().getUid()).isEqualTo(orphan.getMetadata().getUid());

        Pod other = podsOf(rs).stream().filter(p -> !p.getMetadata().getName().equals("orphan")).findFirst().orElseThrow();
        client.pods().inNamespace(ns).withName(other.getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "moved").endMetadata().build());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(ns).withName(other.getMetadata().getName()).get().getMetadata().getOwnerReferences())
                    .isEmpty();
            assertThat(podsOf(rs)).hasSize(2).extracting(p -> p.getMetadata().getName())
                    .contains("orphan").doesNotContain(other.getMetadata().getName());
        });
    }

    @Test
    void podsBecomeAvailableOnlyAfterMinReadySeconds() {
        ReplicaSet rs = client.resource(new ReplicaSetBuilder(replicaSet("slow", 2, "slow")).editSpec().withMinReadySeconds(4)
                .endSpec().build()).create();
        await().atMost(DEADLINE).until(() -> podsOf(rs).size() == 2);

        Instant readyAt = Instant.now();
        podsOf(rs).forEach(p -> FakePodStarter.markReady(client, p));
        await().atMost(DEADLINE).until(() -> client.apps().replicaSets().inNamespace(ns).withName("slow").get()
                .getStatus().getReadyReplicas() == 2);
        assertThat(client.apps().replicaSets().inNamespace(ns).withName("slow").get().getStatus().getAvailableReplicas())
                .isZero();

        await().atMost(DEADLINE).until(() -> client.apps().replicaSets().inNamespace(ns).withName("slow").get()
                .getStatus().getAvailableReplicas() == 2);
        // ready times are kept to the second, so availability may come up to a second early
        assertThat(Duration.between(readyAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}
