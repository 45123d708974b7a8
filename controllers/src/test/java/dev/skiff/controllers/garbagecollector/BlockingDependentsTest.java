package dev.skiff.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingDependentsTest {

    private static ConfigMap ownedBy(String uid, Boolean block) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm")
                .addNewOwnerReference().withApiVersion("v1").withKind("Pod").withName("p").withUid(uid)
                .withBlockOwnerDeletion(block).endOwnerReference()
                .endMetadata().build();
    }

    @Test
    void onlyAReferenceToTheOwnerWithBlockOwnerDeletionBlocks() {
        assertThat(GarbageCollector.blocksDeletionOf(ownedBy("u1", true), "u1")).isTrue();
        assertThat(GarbageCollector.blocksDeletionOf(ownedBy("u1", true), "u2")).isFalse();
        assertThat(GarbageCollector.blocksDeletionOf(ownedBy("u1", false), "u1")).isFalse();
        assertThat(GarbageCollector.blocksDeletionOf(ownedBy("u1", null), "u1")).isFalse();
    }
}
