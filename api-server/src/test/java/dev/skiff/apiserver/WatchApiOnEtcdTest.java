package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The watch tests, unchanged, with etcd as the store. */
@QuarkusTest
@TestProfile(EtcdBackend.class)
class WatchApiOnEtcdTest extends WatchApiTest {
}
