package dev.skiff.store.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import dev.skiff.store.testing.EtcdServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The etcd store on a three-member cluster, through all its endpoints. */
class EtcdClusterTest {

    @Test
    void theStoreKeepsWorkingWhenOneMemberOfThreeDies() {
        try (EtcdServer cluster = EtcdServer.startCluster(3);
             EtcdStore store = new EtcdStore(cluster.endpoints(), Duration.ofSeconds(5))) {
            KeyValue before = store.create("/registry/a", bytes("before"), 0);

            cluster.killMember(0);

            // the client notices the dead member (and, if it led, the others elect a new leader)
            await().atMost(Duration.ofSeconds(30)).ignoreException(StoreException.class)
                    .until(() -> store.create("/registry/probe", bytes("x"), 0) != null);
            KeyValue current = store.get("/registry/a").orElseThrow();
            assertThat(current.modRevision()).isEqualTo(before.modRevision());
            for (int i = 0; i < 20; i++) {
                current = store.update("/registry/a", bytes("after " + i), current.modRevision(), 0);
            }
            assertThat(store.get("/registry/a").orElseThrow().version()).isEqualTo(21);
            assertThat(store.isHealthy()).isTrue();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
