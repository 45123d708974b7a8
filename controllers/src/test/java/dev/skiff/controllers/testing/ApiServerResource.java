package dev.skiff.controllers.testing;

import dev.skiff.informer.testing.ApiServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real api-server (embedded store, no Kafka) for the in-process controller manager of a
 * {@code @QuarkusTest}, with short leases so that the manager leads quickly.
 */
public final class ApiServerResource implements QuarkusTestResourceLifecycleManager {

    private ApiServerProcess server;

    @Override
    public Map<String, String> start() {
        try {
            server = ApiServerProcess.start(Map.of(
                    // pods tolerate a not-ready or unreachable node for 2 s (see NodeFailureProfile)
                    "SKIFF_API_ADMISSION_DEFAULT_NOT_READY_TOLERATION_SECONDS", "2",
                    "SKIFF_API_ADMISSION_DEFAULT_UNREACHABLE_TOLERATION_SECONDS", "2"));
        } catch (Exception e) {
            throw new IllegalStateException("the api-server did not start", e);
        }
        return Map.of(
                "skiff.controllers.api-server", server.url(),
                "skiff.controllers.leader-election.lease-duration", "3s",
                "skiff.controllers.leader-election.renew-deadline", "2s",
                "skiff.controllers.leader-election.retry-period", "500ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
