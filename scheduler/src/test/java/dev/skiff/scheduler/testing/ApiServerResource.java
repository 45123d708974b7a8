package dev.skiff.scheduler.testing;

import dev.skiff.informer.testing.ApiServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real api-server (embedded store, no Kafka) for the in-process scheduler of a {@code @QuarkusTest},
 * with settings that keep the test quick: short back-offs and leases.
 */
public final class ApiServerResource implements QuarkusTestResourceLifecycleManager {

    private ApiServerProcess server;

    @Override
    public Map<String, String> start() {
        try {
            server = ApiServerProcess.start(Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("the api-server did not start", e);
        }
        return Map.of(
                "skiff.scheduler.api-server", server.url(),
                "skiff.scheduler.queue.initial-backoff", "100ms",
                "skiff.scheduler.queue.max-backoff", "1s",
                "skiff.scheduler.leader-election.lease-duration", "3s",
                "skiff.scheduler.leader-election.renew-deadline", "2s",
                "skiff.scheduler.leader-election.retry-period", "500ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
