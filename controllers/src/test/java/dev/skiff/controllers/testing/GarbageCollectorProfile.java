package dev.skiff.controllers.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The garbage collector alone: its tests build owner chains by hand (ReplicaSets and Deployments
 * with pods of their own making), which the ReplicaSet and Deployment controllers would otherwise
 * scale to their own liking.
 */
public final class GarbageCollectorProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("skiff.controllers.enabled", "garbage-collector");
    }
}
