package dev.skiff.apiserver.relay;

import dev.skiff.store.Store;
import dev.skiff.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Relay leadership and checkpoint on a real (embedded, on-disk) store. */
class RelayLeadershipTest {

    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void open() {
        store = new EmbeddedStore(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oneHolderAtATimeAndReleaseHandsOver() {
        RelayLeadership a = new RelayLeadership(store, "a", Duration.ofSeconds(15));
        RelayLeadership b = new RelayLeadership(store, "b", Duration.ofSeconds(15));
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(a.renew()).isTrue();
        a.release();
        assertThat(a.held()).isFalse();
        assertThat(b.tryAcquire()).isTrue();
    }

    @Test
    void aHolderThatStopsRenewingLosesItWhenItsLeaseExpires() {
        RelayLeadership dead = new RelayLeadership(store, "dead", Duration.ofSeconds(2));
        RelayLeadership standby = new RelayLeadership(store, "standby", Duration.ofSeconds(2));
        assertThat(dead.tryAcquire()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(standby::tryAcquire);
        assertThat(dead.renew()).isFalse();
        assertThat(dead.held()).isFalse();
    }

    @Test
    void checkpointOnlyMovesForward() {
        RelayCheckpoint checkpoint = new RelayCheckpoint(store);
        assertThat(checkpoint.load()).isEmpty();
        checkpoint.save(40);
        checkpoint.save(12);
        assertThat(checkpoint.load()).contains(40L);
        checkpoint.save(41);
        assertThat(new RelayCheckpoint(store).load()).contains(41L);
    }
}
