package dev.skiff.apiserver;

import dev.skiff.store.StoreException;
import io.quarkus.runtime.QuarkusBindException;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** Startup failures become one line that says what to do. */
class ApiServerMainTest {

    @Test
    void storeFailureShowsTheStoresMessage() {
        var failure = new RuntimeException("Failed to start quarkus",
                new IllegalStateException("wrapped", new StoreException("etcd at http://x does not answer")));
        assertThat(ApiServerMain.describe(failure)).isEqualTo("the store cannot be used: etcd at http://x does not answer");
    }

    @Test
    void portInUseNamesThePort() {
        var failure = new RuntimeException("Failed to start quarkus", new QuarkusBindException("localhost", 6443,
                new java.net.BindException("Address already in use")));
        assertThat(ApiServerMain.describe(failure)).startsWith("cannot listen on port 6443: it is in use");
    }

    @Test
    void anythingElseShowsItsRootCause() {
        var failure = new RuntimeException("outer", new IllegalArgumentException("the real reason"));
        assertThat(ApiServerMain.describe(failure)).isEqualTo("startup failed: java.lang.IllegalArgumentException: the real reason");
    }
}
