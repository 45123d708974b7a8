package dev.skiff.controllers.replicaset;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.controllers.replicaset.ControllerRefManager.Claim;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerRefManagerTest {

    private static final LabelSelector APP_WEB = LabelSelector.parse("app=web");
    private final ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("web").withNamespace("ns")
            .withUid("rs-uid").endMetadata().build();

    private static Pod pod(String app, String controllerUid) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("pod-uid")
                .addToLabels("app", app).endMetadata();
        if (controllerUid != null) {
            pod.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName("x")
                    .withUid(controllerUid).withController(true).build()).endMetadata();
        }
        return pod.build();
    }

    @Test
    void keepsItsOwnAdoptsMatchingOrphansAndReleasesWhatNoLongerMatches() {
        assertThat(ControllerRefManager.decide(rs, APP_WEB, pod("web", "rs-uid"))).isEqualTo(Claim.OWNED);
        assertThat(ControllerRefManager.decide(rs, APP_WEB, pod("web", null))).isEqualTo(Claim.ADOPT);
        assertThat(ControllerRefManager.decide(rs, APP_WEB, pod("db", "rs-uid"))).isEqualTo(Claim.RELEASE);
        assertThat(ControllerRefManager.decide(rs, APP_WEB, pod("db", null))).isEqualTo(Claim.IGNORE);
    }

    @Test
    void leavesOtherControllersPodsAlone() {
        assertThat(ControllerRefManager.decide(rs, APP_WEB, pod("web", "someone-else"))).isEqualTo(Claim.IGNORE);
    }

    @Test
    void neitherAdoptsNorReleasesWhileBeingDeleted() {
        ReplicaSet deleting = new ReplicaSetBuilder(rs).editMetadata().withDeletionTimestamp("2024-05-01T10:00:00Z").endMetadata().build();

        assertThat(ControllerRefManager.decide(deleting, APP_WEB, pod("web", null))).isEqualTo(Claim.IGNORE);
        assertThat(ControllerRefManager.decide(deleting, APP_WEB, pod("db", "rs-uid"))).isEqualTo(Claim.IGNORE);
        assertThat(ControllerRefManager.decide(deleting, APP_WEB, pod("web", "rs-uid"))).isEqualTo(Claim.OWNED);
    }

    @Test
    void doesNotAdoptAPodBeingDeleted() {
        Pod going = new PodBuilder(pod("web", null)).editMetadata().withDeletionTimestamp("2024-05-01T10:00:00Z").endMetadata().build();

        assertThat(ControllerRefManager.decide(rs, APP_WEB, going)).isEqualTo(Claim.IGNORE);
    }

    @Test
    void patchesCarryTheObjectUidAsAPrecondition() {
        assertThat(ControllerRefs.adoptPatch(rs, pod("web", null)))
                .contains("\"uid\":\"pod-uid\"").contains("\"controller\":true").contains("\"blockOwnerDeletion\":true")
                .contains("\"kind\":\"ReplicaSet\"").contains("\"uid\":\"rs-uid\"");
        assertThat(ControllerRefs.releasePatch(rs, pod("db", "rs-uid")))
                .isEqualTo("{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"rs-uid\"}],\"uid\":\"pod-uid\"}}");
    }
}
