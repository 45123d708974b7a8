package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The pod API tests, unchanged, with etcd as the store. */
@QuarkusTest
@TestProfile(EtcdBackend.class)
class PodApiOnEtcdTest extends PodApiTest {
}
