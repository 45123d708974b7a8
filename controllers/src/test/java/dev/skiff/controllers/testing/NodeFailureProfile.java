package dev.skiff.controllers.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The node lifecycle, taint eviction and pod GC controllers alone (others' pods are not theirs to
 * touch, nor theirs ours), with times short enough for tests: a node is unknown 3 s after its last
 * heartbeat, the pod GC runs twice a second, orphans go after 2 s, 3 finished pods are kept. The
 * api-server's default tolerations last 2 s ({@link ApiServerResource}).
 */
public final class NodeFailureProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "skiff.controllers.enabled", "node-lifecycle-controller,taint-eviction-controller,pod-garbage-collector",
                "skiff.controllers.node-lifecycle.node-monitor-period", "500ms",
                "skiff.controllers.node-lifecycle.node-monitor-grace-period", "3s",
                "skiff.controllers.node-lifecycle.node-startup-grace-period", "3s",
                "skiff.controllers.pod-gc.period", "500ms",
                "skiff.controllers.pod-gc.quarantine", "2s",
                "skiff.controllers.pod-gc.terminated-pod-gc-threshold", "3");
    }
}
