package dev.skiff.apiserver;

import dev.skiff.store.testing.EtcdServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** A test profile that runs the api-server on a real etcd, started for the profile and stopped after it. */
public class EtcdBackend implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Etcd.class));
    }

    /** Starts a throwaway etcd member and points the api-server at it. */
    public static class Etcd implements QuarkusTestResourceLifecycleManager {

        private EtcdServer etcd;

        @Override
        public Map<String, String> start() {
            etcd = EtcdServer.start();
            return Map.of("skiff.store.backend", "etcd", "skiff.store.etcd.endpoints", etcd.endpoint());
        }

        @Override
        public void stop() {
            if (etcd != null) {
                etcd.close();
            }
        }
    }
}
