package dev.skiff.store.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skiff.store.RecordingListener;
import dev.skiff.store.StoreException;
import dev.skiff.store.Watch;
import dev.skiff.store.testing.EtcdServer;
import dev.skiff.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The etcd store when etcd is absent, silent, or goes away. */
class EtcdStoreFailureTest {

    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    /** Generous: these tests check that calls fail rather than hang, not how fast. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @Test
    void callsToAnEtcdThatIsNotThereFailWithAStoreException() {
        String nobody = "http://127.0.0.1:" + FreePorts.allocate(1)[0];
        try (EtcdStore store = new EtcdStore(List.of(nobody), SHORT_TIMEOUT)) {
            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThatThrownBy(() -> store.get("/registry/a"))
                        .isInstanceOf(StoreException.class)
                        .hasCauseInstanceOf(Exception.class);
                assertThatThrownBy(() -> store.create("/registry/a", "x".getBytes(UTF_8), 0))
                        .isInstanceOf(StoreException.class);
                assertThat(store.isHealthy()).isFalse();
            });
        }
    }

    @Test
    void endpointsThatAreNotHttpUrlsAreRefusedWhenTheStoreIsMade() {
        for (String endpoint : List.of("https://127.0.0.1:2379", "127.0.0.1:2379", "http://127.0.0.1", "http://[::1")) {
            assertThatThrownBy(() -> new EtcdStore(List.of(endpoint), SHORT_TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an etcd endpoint must be http://HOST:PORT, got " + endpoint);
        }
    }

    @Test
    void callsToAnEtcdThatNeverAnswersTimeOut() throws Exception {
        // accepts connections (the kernel does, into the backlog) but never speaks
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             EtcdStore store = new EtcdStore(List.of("http://127.0.0.1:" + silent.getLocalPort()), SHORT_TIMEOUT)) {
            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThatThrownBy(() -> store.get("/registry/a"))
                        .isInstanceOf(StoreException.class)
                        .hasCauseInstanceOf(Exception.class);
                assertThat(store.isHealthy()).isFalse();
            });
        }
    }

    @Test
    void aWatchEndsWithAnErrorWhenEtcdGoesAway() {
        EtcdServer etcd = EtcdServer.start();
        try (EtcdStore store = new EtcdStore(List.of(etcd.endpoint()), SHORT_TIMEOUT)) {
            RecordingListener listener = new RecordingListener();
            try (Watch watch = store.watch("/registry/", 0, listener)) {
                store.create("/registry/a", "x".getBytes(UTF_8), 0);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listener.events()).hasSize(1));

                etcd.close();

                await().atMost(NO_HANG).untilAsserted(() -> assertThat(listener.error())
                        .isInstanceOf(StoreException.class)
                        .hasCauseInstanceOf(Exception.class));
                assertThat(store.isHealthy()).isFalse();
            }
        } finally {
            etcd.close();
        }
    }

    @Test
    void closingTheStoreEndsItsWatchesQuietly() {
        try (EtcdServer etcd = EtcdServer.start()) {
            RecordingListener listener = new RecordingListener();
            EtcdStore store = new EtcdStore(List.of(etcd.endpoint()), SHORT_TIMEOUT);
            Watch watch = store.watch("/registry/", 0, listener);

            store.close();
            watch.close();

            assertThat(listener.error()).isNull();
            assertThat(listener.compactedRevision()).isEqualTo(-1);
        }
    }
}
